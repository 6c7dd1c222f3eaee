package org.probelab.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.probelab.represent.LabelledVectors;

class PcaTest {
    private static final int DIM = 24;

    /** Rows with standard deviation 5 along u, 2 along w, 0.1 in every direction, offset by a constant. */
    private static float[][] planted(double[] u, double[] w, int rows, long seed) {
        Random random = new Random(seed);
        float[][] out = new float[rows][DIM];
        for (int r = 0; r < rows; r++) {
            double a = 5 * random.nextGaussian();
            double b = 2 * random.nextGaussian();
            for (int j = 0; j < DIM; j++) {
                out[r][j] = (float) (3 + a * u[j] + b * w[j] + 0.1 * random.nextGaussian());
            }
        }
        return out;
    }

    /** Two random orthonormal directions. */
    private static double[][] directions(long seed) {
        Random random = new Random(seed);
        double[] u = new double[DIM];
        double[] w = new double[DIM];
        for (int j = 0; j < DIM; j++) {
            u[j] = random.nextGaussian();
            w[j] = random.nextGaussian();
        }
        normalise(u);
        double overlap = TopEigen.dot(u, w);
        for (int j = 0; j < DIM; j++) {
            w[j] -= overlap * u[j];
        }
        normalise(w);
        return new double[][] {u, w};
    }

    private static void normalise(double[] v) {
        double norm = Math.sqrt(TopEigen.dot(v, v));
        for (int j = 0; j < v.length; j++) {
            v[j] /= norm;
        }
    }

    private static LabelledVectors labelled(float[][] rows) {
        FloatBuffer buffer = FloatBuffer.allocate(rows.length * rows[0].length);
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < rows.length; r++) {
            buffer.put(rows[r]);
            labels.add(r % 2 == 0 ? "NOUN" : "VERB");
        }
        return new LabelledVectors(rows[0].length, buffer.flip(), labels);
    }

    @Test
    void recoversPlantedDirectionsInOrderOfVariance() {
        double[][] uw = directions(1);
        Pca pca = Pca.fit(planted(uw[0], uw[1], 3000, 2), 2, 7);

        assertEquals(1, Math.abs(TopEigen.dot(pca.component(0), uw[0])), 1e-3);
        assertEquals(1, Math.abs(TopEigen.dot(pca.component(1), uw[1])), 1e-3);
        assertEquals(25, pca.explainedVariance()[0], 25 * 0.1);
        assertEquals(4, pca.explainedVariance()[1], 4 * 0.1);
    }

    @Test
    void componentsAreOrthonormal() {
        double[][] uw = directions(3);
        Pca pca = Pca.fit(planted(uw[0], uw[1], 500, 4), 5, 7);
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                assertEquals(a == b ? 1 : 0, TopEigen.dot(pca.component(a), pca.component(b)), 1e-9, a + "," + b);
            }
        }
    }

    @Test
    void explainedVarianceRatiosAreSortedAndSumToOneOnlyWithEveryComponent() {
        double[][] uw = directions(5);
        float[][] rows = planted(uw[0], uw[1], 400, 6);

        double[] some = Pca.fit(rows, 3, 7).explainedVarianceRatio();
        for (int i = 1; i < some.length; i++) {
            assertTrue(some[i] <= some[i - 1], "ratios must be descending");
        }
        assertTrue(sum(some) < 1);

        assertEquals(1, sum(Pca.fit(rows, DIM, 7).explainedVarianceRatio()), 1e-9);
    }

    @Test
    void varianceOfTheProjectionIsTheExplainedVariance() {
        double[][] uw = directions(8);
        float[][] rows = planted(uw[0], uw[1], 800, 9);
        Pca pca = Pca.fit(rows, 3, 7);

        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double squares = 0;
            for (float[] row : rows) {
                double x = pca.project(row)[c];
                sum += x;
                squares += x * x;
            }
            assertEquals(0, sum / rows.length, 1e-6, "projections are centred");
            assertEquals(pca.explainedVariance()[c], squares / (rows.length - 1), 1e-6 * pca.explainedVariance()[0]);
        }
    }

    @Test
    void theMeanProjectsToTheOrigin() {
        double[][] uw = directions(10);
        Pca pca = Pca.fit(planted(uw[0], uw[1], 300, 11), 2, 7);
        double[] mean = pca.mean();
        float[] meanRow = new float[mean.length];
        for (int j = 0; j < mean.length; j++) {
            meanRow[j] = (float) mean[j];
        }
        assertArrayEquals(new double[] {0, 0}, pca.project(meanRow), 1e-5);
    }

    @Test
    void signsDoNotDependOnTheSeedAndTheLargestCoordinateIsPositive() {
        double[][] uw = directions(12);
        float[][] rows = planted(uw[0], uw[1], 600, 13);
        Pca first = Pca.fit(rows, 3, 1);
        Pca second = Pca.fit(rows, 3, 987654321);

        for (int c = 0; c < 3; c++) {
            assertArrayEquals(first.component(c), second.component(c), 1e-6, "component " + c);
            double[] v = first.component(c);
            double largest = 0;
            for (double x : v) {
                largest = Math.abs(x) > Math.abs(largest) ? x : largest;
            }
            assertTrue(largest > 0, "component " + c + " points towards its largest coordinate");
        }
    }

    @Test
    void manyRowsAreSubsampledReproduciblyAndAllRowsProjected() {
        double[][] uw = directions(14);
        LabelledVectors vectors = labelled(planted(uw[0], uw[1], 1000, 15));

        Pca once = Pca.fit(vectors, 2, 200, 42);
        Pca again = Pca.fit(vectors, 2, 200, 42);

        assertEquals(200, once.fittedRows());
        assertArrayEquals(once.mean(), again.mean());
        assertArrayEquals(once.component(0), again.component(0));
        assertEquals(1, Math.abs(TopEigen.dot(once.component(0), uw[0])), 1e-2, "a sample still finds the direction");
        assertEquals(1000, once.project(vectors).length);
        assertEquals(1000, Pca.fit(vectors, 2, 5000, 42).fittedRows());
    }

    @Test
    void aNonFiniteValueIsReportedWithItsRowAndLabel() {
        double[][] uw = directions(16);
        float[][] rows = planted(uw[0], uw[1], 10, 17);
        rows[7][3] = Float.NaN;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pca.fit(labelled(rows), 2, 100, 1));
        assertTrue(e.getMessage().contains("row 7 (label 'VERB')"), e.getMessage());
        assertTrue(e.getMessage().contains("NaN at dimension 3"), e.getMessage());
    }

    @Test
    void projectingAVectorWithNaNNamesTheRow() {
        double[][] uw = directions(18);
        float[][] rows = planted(uw[0], uw[1], 10, 19);
        Pca pca = Pca.fit(rows, 2, 1);
        rows[4][0] = Float.POSITIVE_INFINITY;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pca.project(labelled(rows)));
        assertTrue(e.getMessage().startsWith("row 4 (label 'NOUN')"), e.getMessage());
    }

    @Test
    void unusableInputsAreRejectedWithTheReason() {
        float[][] same = {{1, 2, 3}, {1, 2, 3}, {1, 2, 3}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pca.fit(same, 1, 1))
                .getMessage().contains("no variance"));
        float[][] two = {{1, 2, 3}, {2, 2, 3}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pca.fit(two, 4, 1))
                .getMessage().contains("1 to 3"));
        float[][] ragged = {{1, 2, 3}, {2, 2}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pca.fit(ragged, 1, 1))
                .getMessage().contains("row 1 has 2 values"));
        float[][] one = {{1, 2, 3}};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Pca.fit(one, 1, 1))
                .getMessage().contains("at least 2 rows"));
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
