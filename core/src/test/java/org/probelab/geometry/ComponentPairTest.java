package org.probelab.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComponentPairTest {
    @Test
    void pairsOfAComponentAreTheProblemsOfTheirOwnRows() {
        // One component of three overlapping blobs; pairs of random row subsets solved through the shared
        // component (Gram rows gathered from its rows, kept only in part; support products kept across all
        // the pairs) and built afresh (PairHulls): same verdict, same distance.
        Random random = new Random(5);
        int n = 150;
        int d = 6;
        float[] data = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                data[i * d + k] = (float) (random.nextGaussian() + (k == 0 ? 1.2 * (i % 3) : 0) + 5);
            }
        }
        PointMatrix points = new PointMatrix(data, n, d);
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        ClusterHull component = new ClusterHull(points, all, 8L * n);
        Products products = ComponentPair.componentProducts(component);
        HullSolver.Stop stop = HullSolver.Stop.distance(1e-6, 1e-6, 1_000_000);
        int overlaps = 0;
        for (int trial = 0; trial < 40; trial++) {
            List<Integer> shuffled = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                shuffled.add(i);
            }
            Collections.shuffle(shuffled, random);
            boolean mixed = trial % 2 == 0;
            int nA = 1 + random.nextInt(30);
            int nB = 1 + random.nextInt(30);
            // Rows of one blob against rows of another make separable pairs, mixed rows overlapping ones.
            int[] a = shuffled.stream().filter(i -> mixed || i % 3 == 0).limit(nA).mapToInt(i -> i).toArray();
            int[] b = shuffled.stream().filter(i -> mixed ? !contains(a, i) : i % 3 == 2).limit(nB)
                    .mapToInt(i -> i).toArray();
            ComponentPair shared = new ComponentPair(component, products, a, b);
            HullSolver.Result viaComponent = HullSolver.solve(shared, stop);
            HullSolver.Result afresh = HullSolver.solve(new PairHulls(points, a, b), stop);
            assertEquals(afresh.overlaps(), viaComponent.overlaps(), "trial " + trial);
            if (viaComponent.overlaps()) {
                overlaps++;
            } else {
                assertEquals(afresh.upper(), viaComponent.upper(), 1e-5 * afresh.upper(), "trial " + trial);
            }
            // Started from the centroids the merge search passes in: the same verdict and distance.
            HullSolver.Result viaCentroids = HullSolver.solve(
                    new ComponentPair(component, products, a, b, meanDifference(points, a, b), null), stop);
            assertEquals(afresh.overlaps(), viaCentroids.overlaps(), "trial " + trial);
            if (!viaCentroids.overlaps()) {
                assertEquals(afresh.upper(), viaCentroids.upper(), 1e-5 * afresh.upper(), "trial " + trial);
            }
            // Refreshed scores (float; through the component's rows or, for small pairs, the pair's own) are the
            // exact scores to float accuracy.
            double[] direction = new double[d];
            for (int k = 0; k < d; k++) {
                direction[k] = random.nextGaussian();
            }
            double[] refreshed = new double[shared.size];
            shared.refreshScores(direction, null, null, 0, refreshed);
            for (int j = 0; j < shared.size; j++) {
                assertEquals(shared.score(j, direction), refreshed[j], 1e-4, "trial " + trial + " score " + j);
            }
            // and at the start (one point per side), through their Gram rows
            int[] start = shared.start();
            double[] weight = new double[shared.size];
            double[] p = new double[d];
            for (int i : start) {
                weight[i] = 1;
                shared.addTo(p, i, 1);
            }
            shared.refreshScores(p, weight, start, 2, refreshed);
            for (int j = 0; j < shared.size; j++) {
                assertEquals(shared.score(j, p), refreshed[j], 1e-4, "trial " + trial + " start score " + j);
            }
            // Each gathered Gram entry and each kept product is the product of the pair's signed points.
            for (int i : new int[] {0, shared.size - 1}) {
                double[] zi = new double[d];
                shared.addTo(zi, i, 1);
                float[] row = shared.row(i);
                for (int j = 0; j < shared.size; j++) {
                    double exact = shared.score(j, zi);
                    assertEquals(exact, row[j], 1e-4, "trial " + trial + " entry " + i + "," + j);
                    assertEquals(exact, shared.product(i, j), 1e-12, "trial " + trial + " product " + i + "," + j);
                    assertEquals(exact, shared.product(j, i), 1e-12, "trial " + trial + " product " + j + "," + i);
                }
            }
        }
        assertTrue(overlaps >= 5 && overlaps <= 35, overlaps + " of 40 pairs overlap; the test needs both verdicts");
    }

    @Test
    void scorePassesSplitOnTwoThreadsGiveTheSameValues() {
        // A pair large enough (800 × 768) for its score passes to be split in two on the run's threads.
        Random random = new Random(13);
        int n = 800;
        int d = 768;
        float[] data = new float[n * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        PointMatrix points = new PointMatrix(data, n, d);
        ClusterHull component = new ClusterHull(points, java.util.stream.IntStream.range(0, n).toArray());
        Products products = ComponentPair.componentProducts(component);
        int[] a = java.util.stream.IntStream.range(0, 450).toArray();
        int[] b = java.util.stream.IntStream.range(450, n).toArray();
        double[] p = new double[d];
        for (int k = 0; k < d; k++) {
            p[k] = random.nextGaussian();
        }
        try (Parallel two = new Parallel(2)) {
            ComponentPair alone = new ComponentPair(component, products, a, b);
            ComponentPair split = new ComponentPair(component, products, a, b, null, two);
            double[] expected = new double[n];
            double[] actual = new double[n];
            alone.scores(p, null, null, 0, expected);
            split.scores(p, null, null, 0, actual);
            assertArrayEquals(expected, actual, 0, "exact scores");
            for (int call = 0; call < 4; call++) { // through the component's rows, then the pair's own
                alone.refreshScores(p, null, null, 0, expected);
                split.refreshScores(p, null, null, 0, actual);
                assertArrayEquals(expected, actual, 0, "refreshed scores, call " + call);
            }
            for (int j = 0; j < n; j++) {
                assertEquals(alone.score(j, p), actual[j], 1e-3, "score " + j);
            }
        }
    }

    @Test
    void gramRowsBeyondTheBudgetAreRecomputedTheSame() {
        Random random = new Random(9);
        int n = 40;
        int d = 7;
        float[] data = new float[n * d];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        PointMatrix points = new PointMatrix(data, n, d);
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        ClusterHull keepsAll = new ClusterHull(points, all);
        ClusterHull keepsTwo = new ClusterHull(points, all, 2L * n);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                assertArrayEquals(keepsAll.row(i), keepsTwo.row(i), "row " + i);
            }
        }
        assertEquals(n, keepsAll.rowsComputed());
        assertEquals(2 * n - 2, keepsTwo.rowsComputed());
    }

    /** The mean of rows {@code a} minus the mean of rows {@code b}. */
    private static double[] meanDifference(PointMatrix points, int[] a, int[] b) {
        double[] out = new double[points.dim];
        for (int r : a) {
            for (int k = 0; k < points.dim; k++) {
                out[k] += points.data[r * points.dim + k] / a.length;
            }
        }
        for (int r : b) {
            for (int k = 0; k < points.dim; k++) {
                out[k] -= points.data[r * points.dim + k] / b.length;
            }
        }
        return out;
    }

    private static boolean contains(int[] rows, int row) {
        for (int r : rows) {
            if (r == row) {
                return true;
            }
        }
        return false;
    }
}
