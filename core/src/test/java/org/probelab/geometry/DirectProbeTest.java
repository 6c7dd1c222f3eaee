package org.probelab.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.probelab.represent.LabelledVectors;

class DirectProbeTest {
    /** Tiny random cases are in general position: hull distances are 0 or far above this. */
    private static final DirectProbeOptions EXACT = DirectProbeOptions.DEFAULTS.withTolerance(1e-7).withThreads(1);

    @Test
    void randomCasesGiveTheClustersOfTheExhaustiveLpCheck() {
        Random random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = 4 + random.nextInt(21);
            int d = 2 + random.nextInt(3);
            int labelCount = 2 + random.nextInt(2);
            double spread = 0.3 + 2 * random.nextDouble();
            double[][] means = new double[labelCount][d];
            for (double[] mean : means) {
                for (int k = 0; k < d; k++) {
                    mean[k] = random.nextGaussian() * spread;
                }
            }
            double[][] x = new double[n][d];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(labelCount);
                for (int k = 0; k < d; k++) {
                    x[i][k] = (float) (means[labels[i]][k] + random.nextGaussian());
                }
            }
            assertSameClusters(x, labels, "trial " + trial + " (n=" + n + ", d=" + d + ")");
        }
    }

    @Test
    void largerOverlappingLayoutsGiveTheClustersOfTheExhaustiveLpCheck() {
        // Dozens of points per label in overlapping blobs: clusters grow by absorbing points one at a time
        // (the deferred rescans and kept hyperplanes of the merge search) and many merges are refused.
        Random random = new Random(11);
        for (int trial = 0; trial < 12; trial++) {
            int n = 40 + random.nextInt(31);
            int d = 2 + random.nextInt(3);
            double[][] x = new double[n][d];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(3);
                for (int k = 0; k < d; k++) {
                    x[i][k] = (float) ((k == 0 ? labels[i] * 1.5 : 0) + random.nextGaussian());
                }
            }
            assertSameClusters(x, labels, "trial " + trial + " (n=" + n + ", d=" + d + ")");
        }
    }

    @Test
    void degenerateLayoutsGiveTheClustersOfTheExhaustiveLpCheck() {
        // Duplicates inside a label, collinear points of two labels, and a single-point label.
        double[][] x = {{0, 0}, {0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}, {1.5, 1.5}, {9, 0}};
        int[] labels = {0, 0, 0, 1, 0, 1, 1, 1, 2};
        assertSameClusters(x, labels, "collinear with duplicates");
    }

    @Test
    void xorNeedsFourClustersForTwoLabels() {
        // Square blobs (half-width 0.3) at the corners of the unit square: either label's two blobs merged
        // make a band wide enough to cut into the other label's blobs, so neither merge is kept.
        double[][] x = new double[16][];
        int[] labels = new int[16];
        double[][] centres = {{0, 0}, {1, 1}, {0, 1}, {1, 0}};
        for (int c = 0; c < 4; c++) {
            for (int corner = 0; corner < 4; corner++) {
                x[c * 4 + corner] = new double[] {centres[c][0] + (corner % 2 == 0 ? -0.3 : 0.3),
                    centres[c][1] + (corner < 2 ? -0.3 : 0.3)};
                labels[c * 4 + corner] = c < 2 ? 0 : 1;
            }
        }
        DirectProbeResult r = DirectProbe.run(vectors(x, labels), EXACT);
        assertEquals(4, r.clusterCount());
        assertEquals(2, r.labelCount());
        assertFalse(r.linear());
        assertSameClusters(x, labels, "xor");
    }

    @Test
    void oneLabelIsOneClusterAndLinear() {
        double[][] x = {{0, 0}, {3, 1}, {1, 5}, {2, 2}};
        DirectProbeResult r = DirectProbe.run(vectors(x, new int[] {0, 0, 0, 0}), EXACT);
        assertEquals(1, r.clusterCount());
        assertTrue(r.linear());
        assertEquals(4, r.clusters().get(0).size());
        assertTrue(r.labelPairs().isEmpty());
    }

    @Test
    void separableLabelsStayOneClusterEachWithTheirHullDistance() {
        // Two unit squares (6 points each, above the small-cluster cut) 2 apart along x: hull distance 2.
        double[][] x = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0.5, 0}, {0.5, 1}, {3, 0}, {4, 0}, {3, 1}, {4, 1}, {3.5, 0},
            {3.5, 1}};
        int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
        DirectProbeResult r = DirectProbe.run(vectors(x, labels), EXACT);
        assertTrue(r.linear());
        assertEquals(2.0, r.clusterDistances()[0][1], 1e-4);
        assertEquals(1, r.labelPairs().size());
        assertEquals(2.0, r.labelPairs().get(0).meanDistance(), 1e-4);
        assertEquals("L1", r.labelMinimum().get(0).nearest());
    }

    @Test
    void identicalVectorsUnderTwoLabelsAreConflictsThatStaySingletonsOrAreDropped() {
        double[][] x = {{0, 0}, {1, 0}, {0, 1}, {5, 5}, {5, 5}, {6, 5}, {5, 6}};
        int[] labels = {0, 0, 0, 0, 1, 1, 1};
        DirectProbeResult kept = DirectProbe.run(vectors(x, labels), EXACT);
        assertEquals(2, kept.conflicts().size());
        assertEquals(Set.of(3, 4), Set.of(kept.conflicts().get(0).row(), kept.conflicts().get(1).row()));
        assertEquals(0.0, kept.conflicts().get(0).distance());
        assertTrue(kept.clusters().stream().anyMatch(c -> c.size() == 1 && c.rows()[0] == 3));
        assertTrue(kept.clusters().stream().anyMatch(c -> c.size() == 1 && c.rows()[0] == 4));
        assertEquals(4, kept.clusterCount());
        assertSameClusters(x, labels, "conflict kept");

        DirectProbeResult dropped = DirectProbe.run(vectors(x, labels), EXACT.withDropConflicts(true));
        assertEquals(2, dropped.provenance().droppedRows());
        assertEquals(2, dropped.clusterCount());
        assertTrue(dropped.linear());
    }

    @Test
    void nearDuplicatesWithinTheToleranceAreConflicts() {
        double[][] x = {{0, 0}, {1, 0}, {0, 1}, {3, 3}, {3 + 5e-4, 3}, {4, 3}, {3, 4}};
        int[] labels = {0, 0, 0, 0, 1, 1, 1};
        DirectProbeResult loose = DirectProbe.run(vectors(x, labels), EXACT.withTolerance(1e-3));
        assertEquals(2, loose.conflicts().size());
        assertEquals(5e-4, loose.conflicts().get(0).distance(), 1e-6);
        DirectProbeResult strict = DirectProbe.run(vectors(x, labels), EXACT.withTolerance(1e-4));
        assertTrue(strict.conflicts().isEmpty());
        assertTrue(strict.linear());
    }

    @Test
    void distancesMatchExactPlaneGeometry() {
        Random random = new Random(11);
        for (int trial = 0; trial < 60; trial++) {
            int n = 6 + random.nextInt(14);
            double[][] x = new double[n][2];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(3);
                x[i][0] = (float) (labels[i] * 1.5 + random.nextGaussian());
                x[i][1] = (float) (random.nextGaussian() + (labels[i] == 2 ? 2 : 0));
            }
            DirectProbeResult r = DirectProbe.run(vectors(x, labels), EXACT);
            List<DirectProbeResult.Cluster> clusters = r.clusters();
            for (int i = 0; i < clusters.size(); i++) {
                for (int j = i + 1; j < clusters.size(); j++) {
                    if (clusters.get(i).label().equals(clusters.get(j).label())) {
                        continue;
                    }
                    double expected = PlaneGeometry.hullDistance(x, clusters.get(i).rows(), clusters.get(j).rows());
                    assertEquals(expected, r.clusterDistances()[i][j], 1e-4 * Math.max(1, expected),
                            "trial " + trial + " clusters " + i + ", " + j);
                }
            }
        }
    }

    @Test
    void predictionPicksTheNearestHull() {
        Random random = new Random(5);
        for (int trial = 0; trial < 40; trial++) {
            int n = 8 + random.nextInt(16);
            double[][] x = new double[n][2];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(3);
                x[i][0] = (float) (labels[i] * 2 + random.nextGaussian());
                x[i][1] = (float) random.nextGaussian();
            }
            double[][] test = new double[30][2];
            int[] testLabels = new int[30];
            for (int i = 0; i < test.length; i++) {
                testLabels[i] = random.nextInt(3);
                test[i][0] = (float) (testLabels[i] * 2 + 1.5 * random.nextGaussian());
                test[i][1] = (float) (1.5 * random.nextGaussian());
            }
            DirectProbeResult r = DirectProbe.run(vectors(x, labels), vectors(test, testLabels), EXACT);
            DirectProbeResult.Prediction p = r.prediction();
            assertNotNull(p);
            int correct = 0;
            for (int t = 0; t < test.length; t++) {
                double best = Double.POSITIVE_INFINITY;
                for (DirectProbeResult.Cluster c : r.clusters()) {
                    best = Math.min(best, PlaneGeometry.pointDistance(x, c.rows(), test[t]));
                }
                double chosen = PlaneGeometry.pointDistance(x, r.clusters().get(p.cluster()[t]).rows(), test[t]);
                assertEquals(best, chosen, 1e-4, "trial " + trial + " test point " + t);
                if (p.predicted().get(t).equals("L" + testLabels[t])) {
                    correct++;
                }
            }
            assertEquals((double) correct / test.length, p.accuracy(), 1e-12);
        }
    }

    @Test
    void parallelRunGivesTheSameResult() {
        Random random = new Random(3);
        double[][] x = new double[60][3];
        int[] labels = new int[60];
        for (int i = 0; i < x.length; i++) {
            labels[i] = random.nextInt(3);
            for (int k = 0; k < 3; k++) {
                x[i][k] = (float) (random.nextGaussian() + labels[i] * 0.8);
            }
        }
        DirectProbeResult one = DirectProbe.run(vectors(x, labels), EXACT);
        DirectProbeResult two = DirectProbe.run(vectors(x, labels), EXACT.withThreads(2));
        assertEquals(partition(one), partition(two));
        assertEquals(one.provenance().trainChecksum(), two.provenance().trainChecksum());
    }

    @Test
    void independentComponentsOnTwoThreadsGiveTheClustersOfTheExhaustiveLpCheck() {
        // Labels 0/1 overlap each other around the origin, labels 2/3 each other far away: two components of
        // the merge search, simulated side by side on two threads.
        Random random = new Random(13);
        double[][] x = new double[80][3];
        int[] labels = new int[80];
        for (int i = 0; i < x.length; i++) {
            labels[i] = i % 4;
            for (int k = 0; k < 3; k++) {
                x[i][k] = (float) (random.nextGaussian() + (labels[i] % 2) * 0.8 + (labels[i] >= 2 ? 40 : 0));
            }
        }
        DirectProbeResult one = DirectProbe.run(vectors(x, labels), EXACT);
        DirectProbeResult two = DirectProbe.run(vectors(x, labels), EXACT.withThreads(2));
        assertEquals(new HashSet<>(BruteForceDirectProbe.clusters(x, labels)), partition(two));
        assertEquals(partition(one), partition(two));
        assertEquals(one.statistics().mergesTried(), two.statistics().mergesTried());
        assertEquals(x.length, two.statistics().simulatedRows());
        assertTrue(two.clusterCount() > 8, two.clusterCount() + " clusters: both components need several");
    }

    @Test
    void nonFiniteRowIsNamed() {
        double[][] x = {{0, 0}, {Double.NaN, 1}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DirectProbe.run(vectors(x, new int[] {0, 1}), EXACT));
        assertTrue(e.getMessage().contains("row 1 (label 'L1')"), e.getMessage());
    }

    private static void assertSameClusters(double[][] x, int[] labels, String what) {
        DirectProbeResult r = DirectProbe.run(vectors(x, labels), EXACT);
        Set<List<Integer>> expected = new HashSet<>(BruteForceDirectProbe.clusters(x, labels));
        assertEquals(expected, partition(r), what);
        for (DirectProbeResult.Cluster c : r.clusters()) {
            assertEquals("L" + labels[c.rows()[0]], c.label(), what);
        }
    }

    private static Set<List<Integer>> partition(DirectProbeResult r) {
        Set<List<Integer>> out = new HashSet<>();
        for (DirectProbeResult.Cluster c : r.clusters()) {
            List<Integer> rows = new ArrayList<>();
            for (int row : c.rows()) {
                rows.add(row);
            }
            out.add(rows);
        }
        return out;
    }

    static LabelledVectors vectors(double[][] x, int[] labels) {
        int d = x[0].length;
        float[] data = new float[x.length * d];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < d; k++) {
                data[i * d + k] = (float) x[i][k];
            }
            names.add("L" + labels[i]);
        }
        return new LabelledVectors(d, FloatBuffer.wrap(data), names);
    }
}
