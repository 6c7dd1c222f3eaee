package org.probelab.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HullSolverTest {
    @Test
    void correctiveStepLandsOnTheCrossingOfTwoSegments() {
        // conv(A) is the segment (−1,0,0)–(1,0,0), conv(B) the segment (0,−1,0)–(0,1,0): they cross at the
        // origin, which both reach with weights ½, ½ — whatever the weights the step starts from.
        PointMatrix points = new PointMatrix(new float[] {-1, 0, 0, 1, 0, 0, 0, -1, 0, 0, 1, 0}, 4, 3);
        PairHulls hulls = new PairHulls(points, new int[] {0, 1}, new int[] {2, 3});
        double[] weight = {0.9, 0.1, 0.2, 0.8};
        double[] corrected = new CorrectiveStep(hulls).weights(new int[] {0, 1, 2, 3}, 4, weight);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, corrected, 1e-9);
    }

    @Test
    void correctiveStepDropsAPointThatTheAffineMinimumWouldWeighNegatively() {
        // A = {(0,0), (4,0)}, B = {(1,1)}: the nearest point of A's segment is (1,0), weights ¾, ¼ — inside;
        // with a third A point (−4,0) the affine minimum over all three is not unique but any optimum lies on
        // the segment, so the step keeps both sides' weights summing to 1 and reaches distance 1.
        PointMatrix points = new PointMatrix(new float[] {0, 0, 4, 0, -4, 0, 1, 1}, 4, 2);
        PairHulls hulls = new PairHulls(points, new int[] {0, 1, 2}, new int[] {3});
        double[] corrected = new CorrectiveStep(hulls).weights(new int[] {0, 1, 2, 3}, 4, new double[] {0.2, 0.4, 0.4, 1});
        double[] p = new double[2];
        for (int i = 0; i < 4; i++) {
            hulls.addTo(p, i, corrected[i]);
        }
        assertEquals(1.0, Math.sqrt(Dots.dot(p, p)), 1e-9);
        assertEquals(1.0, corrected[0] + corrected[1] + corrected[2], 1e-12);
        assertEquals(1.0, corrected[3], 1e-12);
        for (double w : corrected) {
            assertTrue(w >= 0);
        }
    }

    @Test
    void overlapsOfLowDimensionalCloudsAreDecidedAsTheLpDecidesThem() {
        // Points of two labels on a shared 6-dimensional affine subspace of a 40-dimensional space (as at
        // BERT's layer 0: word ⊕ position), offset so that some hull pairs intersect and some do not.
        Random random = new Random(3);
        // Float copies of points of norm ~10 carry errors ~1e-6: the tolerance sits above them.
        HullSolver.Stop decision = HullSolver.Stop.decision(1e-4, 1_000_000);
        int overlaps = 0;
        for (int trial = 0; trial < 60; trial++) {
            int d = 40;
            int rank = 6;
            // Small integer directions and coefficients on a grid of 1/64: exact in float, so the LP sees the
            // very points the solver sees.
            double[][] basis = new double[rank][d];
            for (double[] row : basis) {
                for (int k = 0; k < d; k++) {
                    row[k] = random.nextInt(5) - 2;
                }
            }
            int nA = 5 + random.nextInt(20);
            int nB = 5 + random.nextInt(20);
            double shift = Math.round(64 * 2.5 * random.nextDouble()) / 64.0;
            double[][] a = cloud(random, basis, nA, 0);
            double[][] b = cloud(random, basis, nB, shift);
            float[] data = new float[(nA + nB) * d];
            for (int i = 0; i < nA + nB; i++) {
                double[] row = i < nA ? a[i] : b[i - nA];
                for (int k = 0; k < d; k++) {
                    data[i * d + k] = (float) row[k];
                }
            }
            PointMatrix points = new PointMatrix(data, nA + nB, d);
            int[] rowsA = java.util.stream.IntStream.range(0, nA).toArray();
            int[] rowsB = java.util.stream.IntStream.range(nA, nA + nB).toArray();
            HullSolver.Result result = HullSolver.solve(new PairHulls(points, rowsA, rowsB), decision);
            boolean intersects = HullLp.intersects(a, b);
            assertEquals(intersects, result.overlaps(), "trial " + trial + ": " + result);
            if (intersects) {
                overlaps++;
                // Transfers alone crawl towards a distance of 0; the corrective step gets there at once.
                assertTrue(result.iterations() <= 4 * 64, "trial " + trial + ": " + result.iterations() + " transfers");
            }
        }
        assertTrue(overlaps >= 10, overlaps + " of 60 trials overlap; the test needs both verdicts");
    }

    @Test
    void nearlyTouchingHullsWithSupportsOver128PointsAreDecidedInAFewHundredTransfers() {
        // Two Gaussian clouds of 400 points in R^150, the second shifted along e₀ so that the hulls just
        // intersect (2.4) or just miss (2.6). The nearest points then need ~150 support points, more than
        // the 128 at which the corrective step used to be skipped (EWT layer 0 at 5,000 rows has such
        // supports: 130–170 points); transfers alone took 7,385 and 16,711 transfers here.
        for (double shift : new double[] {2.4, 2.6}) {
            Random random = new Random(11);
            int d = 150;
            int n = 400;
            float[] data = new float[2 * n * d];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextGaussian();
            }
            for (int i = n; i < 2 * n; i++) {
                data[i * d] += (float) shift;
            }
            PointMatrix points = new PointMatrix(data, 2 * n, d);
            int[] rowsA = java.util.stream.IntStream.range(0, n).toArray();
            int[] rowsB = java.util.stream.IntStream.range(n, 2 * n).toArray();
            HullSolver.Result result = HullSolver.solve(new PairHulls(points, rowsA, rowsB),
                    HullSolver.Stop.decision(1e-3, 1_000_000));
            assertEquals(shift < 2.5, result.overlaps(), "shift " + shift + ": " + result);
            assertTrue(result.iterations() <= 2_000, "shift " + shift + ": " + result.iterations() + " transfers");
        }
    }

    /** Points {@code shift · e₀ + Σ g_r basis_r} with Gaussian coefficients. */
    private static double[][] cloud(Random random, double[][] basis, int n, double shift) {
        int d = basis[0].length;
        double[][] out = new double[n][d];
        for (double[] point : out) {
            for (double[] direction : basis) {
                double g = Math.round(64 * (random.nextGaussian() + (direction == basis[0] ? shift : 0))) / 64.0;
                for (int k = 0; k < d; k++) {
                    point[k] += g * direction[k];
                }
            }
        }
        return out;
    }
}
