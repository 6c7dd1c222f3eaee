package org.probelab.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.probelab.represent.LabelledVectors;

class LinearCkaTest {
    private static final double TOLERANCE = 2e-5;

    /** {@code rows} items: a shared random signal mixed into each layer, plus layer-specific noise. */
    private static double[][] layer(double[][] signal, int dim, double noise, long seed) {
        Random random = new Random(seed);
        double[][] mix = new double[signal[0].length][dim];
        for (double[] m : mix) {
            for (int j = 0; j < dim; j++) {
                m[j] = random.nextGaussian();
            }
        }
        double[][] out = new double[signal.length][dim];
        for (int i = 0; i < signal.length; i++) {
            for (int j = 0; j < dim; j++) {
                for (int k = 0; k < signal[0].length; k++) {
                    out[i][j] += signal[i][k] * mix[k][j];
                }
                out[i][j] += noise * random.nextGaussian() + 2.5;
            }
        }
        return out;
    }

    private static double[][] gaussian(int rows, int cols, long seed) {
        Random random = new Random(seed);
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return out;
    }

    private static LabelledVectors vectors(double[][] rows) {
        FloatBuffer buffer = FloatBuffer.allocate(rows.length * rows[0].length);
        for (double[] row : rows) {
            for (double v : row) {
                buffer.put((float) v);
            }
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            labels.add("w" + (i % 5));
        }
        return new LabelledVectors(rows[0].length, buffer.flip(), labels);
    }

    /** The values as stored (float), back in double, so the reference sees exactly what CKA sees. */
    private static double[][] stored(LabelledVectors v) {
        double[][] out = new double[v.rows()][v.dim()];
        float[] row = new float[v.dim()];
        for (int i = 0; i < v.rows(); i++) {
            v.row(i, row);
            for (int j = 0; j < v.dim(); j++) {
                out[i][j] = row[j];
            }
        }
        return out;
    }

    // The reference: Kornblith et al.'s sample-space definition on n × n Gram matrices, in plain double loops.

    private static double[][] gram(double[][] x) {
        int n = x.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int d = 0; d < x[0].length; d++) {
                    k[i][j] += x[i][d] * x[j][d];
                }
            }
        }
        return k;
    }

    /** HKH for the biased estimator; for the unbiased one, Song et al.'s U-centring (zero diagonal). */
    private static double[][] centreGram(double[][] k, boolean unbiased) {
        int n = k.length;
        double[][] g = new double[n][];
        for (int i = 0; i < n; i++) {
            g[i] = k[i].clone();
        }
        double[] means = new double[n];
        if (unbiased) {
            for (int i = 0; i < n; i++) {
                g[i][i] = 0;
            }
            double total = 0;
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    means[j] += g[i][j];
                }
                means[j] /= n - 2;
                total += means[j];
            }
            for (int j = 0; j < n; j++) {
                means[j] -= total / (2 * (n - 1));
            }
        } else {
            double total = 0;
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    means[j] += g[i][j] / n;
                }
                total += means[j];
            }
            for (int j = 0; j < n; j++) {
                means[j] -= total / n / 2;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i][j] -= means[i] + means[j];
            }
            if (unbiased) {
                g[i][i] = 0;
            }
        }
        return g;
    }

    private static double gramCka(double[][] x, double[][] y, boolean debiased) {
        double[][] k = centreGram(gram(x), debiased);
        double[][] l = centreGram(gram(y), debiased);
        double kl = 0;
        double kk = 0;
        double ll = 0;
        for (int i = 0; i < k.length; i++) {
            for (int j = 0; j < k.length; j++) {
                kl += k[i][j] * l[i][j];
                kk += k[i][j] * k[i][j];
                ll += l[i][j] * l[i][j];
            }
        }
        return kl / Math.sqrt(kk * ll);
    }

    private static Map<String, LabelledVectors> named(LabelledVectors... layers) {
        Map<String, LabelledVectors> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.length; i++) {
            out.put("L" + i, layers[i]);
        }
        return out;
    }

    @Test
    void matchesTheGramMatrixDefinitionForBothEstimatorsWhateverTheChunkSize() {
        double[][] signal = gaussian(60, 3, 1);
        LabelledVectors a = vectors(layer(signal, 7, 0.5, 2));
        LabelledVectors b = vectors(layer(signal, 5, 2.0, 3));
        LabelledVectors c = vectors(gaussian(60, 9, 4));
        Map<String, LabelledVectors> rows = named(a, b);
        Map<String, LabelledVectors> columns = named(b, c, a);

        for (int chunk : new int[] {7, 60, 4096}) {
            CkaMatrix cka = new LinearCka(chunk).between(rows, columns);
            for (boolean debiased : new boolean[] {false, true}) {
                double[][] values = cka.values(debiased);
                List<LabelledVectors> r = List.copyOf(rows.values());
                List<LabelledVectors> c2 = List.copyOf(columns.values());
                for (int i = 0; i < r.size(); i++) {
                    for (int j = 0; j < c2.size(); j++) {
                        double expected = gramCka(stored(r.get(i)), stored(c2.get(j)), debiased);
                        assertEquals(expected, values[i][j], TOLERANCE,
                                "chunk " + chunk + ", debiased " + debiased + ", [" + i + "][" + j + "]");
                    }
                }
            }
            assertEquals(List.of("L0", "L1"), cka.rowNames());
            assertEquals(List.of("L0", "L1", "L2"), cka.columnNames());
            assertEquals(60, cka.items());
        }
    }

    @Test
    void relatedLayersScoreHighAndDebiasingRemovesTheChanceLevelOfWideLayers() {
        double[][] signal = gaussian(80, 3, 5);
        CkaMatrix related = new LinearCka().within(named(vectors(layer(signal, 20, 0.3, 6)),
                vectors(layer(signal, 20, 0.3, 7))));
        // Two independent 40-dimensional noise layers on 60 items: the plug-in estimator sees similarity
        // where there is none (the dimension is large against the items); the unbiased one stays near 0.
        CkaMatrix noise = new LinearCka().within(named(vectors(gaussian(60, 40, 8)), vectors(gaussian(60, 40, 9))));

        assertTrue(related.biased()[0][1] > 0.8, "related " + related.biased()[0][1]);
        assertTrue(related.debiased()[0][1] > 0.8, "related, debiased " + related.debiased()[0][1]);
        assertTrue(noise.biased()[0][1] > 0.3, "noise, biased " + noise.biased()[0][1]);
        assertTrue(Math.abs(noise.debiased()[0][1]) < 0.1, "noise, debiased " + noise.debiased()[0][1]);
    }

    @Test
    void isInvariantToOrthogonalTransformsAndIsotropicScaling() {
        double[][] x = layer(gaussian(50, 4, 9), 6, 0.7, 10);
        double[][] q = orthogonal(6, 11);
        double[][] rotated = new double[x.length][6];
        double[][] scaled = new double[x.length][6];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 6; j++) {
                for (int k = 0; k < 6; k++) {
                    rotated[i][j] += x[i][k] * q[k][j];
                }
                scaled[i][j] = -3.5 * x[i][j] + 1.25;
            }
        }
        CkaMatrix cka = new LinearCka(16).between(named(vectors(x)), named(vectors(rotated), vectors(scaled)));

        for (boolean debiased : new boolean[] {false, true}) {
            assertArrayEquals(new double[] {1, 1}, cka.values(debiased)[0], TOLERANCE, "debiased " + debiased);
        }
    }

    @Test
    void withinOneModelTheMatrixIsSymmetricWithOnesOnTheDiagonal() {
        double[][] signal = gaussian(40, 2, 12);
        CkaMatrix cka = new LinearCka(9).within(named(vectors(layer(signal, 5, 0.2, 13)),
                vectors(layer(signal, 5, 1.0, 14)), vectors(layer(signal, 8, 3.0, 15))));
        for (boolean debiased : new boolean[] {false, true}) {
            double[][] v = cka.values(debiased);
            assertArrayEquals(new double[] {1, 1, 1}, cka.diagonal(debiased), TOLERANCE);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(v[i][j], v[j][i], 1e-12);
                }
            }
        }
    }

    @Test
    void layersOfDifferentItemsAreRefusedNamingTheFirstDifference() {
        LabelledVectors a = vectors(gaussian(20, 3, 16));
        List<String> labels = new ArrayList<>(a.labels());
        Collections.swap(labels, 3, 4);
        LabelledVectors other = new LabelledVectors(3, a.vectors(), labels);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearCka().between(named(a), Map.of("other", other)));
        assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("'other'"), e.getMessage());

        LabelledVectors shorter = vectors(gaussian(19, 3, 17));
        e = assertThrows(IllegalArgumentException.class, () -> new LinearCka().within(named(a, shorter)));
        assertTrue(e.getMessage().contains("19 items"), e.getMessage());
    }

    @Test
    void constantAndNonFiniteLayersAreRefused() {
        double[][] constant = new double[10][3];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearCka().within(named(vectors(constant))));
        assertTrue(e.getMessage().contains("same vector"), e.getMessage());

        double[][] broken = gaussian(10, 3, 18);
        broken[6][2] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> new LinearCka().within(named(vectors(broken))));
        assertTrue(e.getMessage().contains("row 6") && e.getMessage().contains("dimension 2"), e.getMessage());
    }

    /** A random orthogonal matrix: Gram–Schmidt on Gaussian columns. */
    private static double[][] orthogonal(int d, long seed) {
        double[][] q = gaussian(d, d, seed);
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < i; k++) {
                double dot = TopEigen.dot(q[i], q[k]);
                for (int j = 0; j < d; j++) {
                    q[i][j] -= dot * q[k][j];
                }
            }
            double norm = Math.sqrt(TopEigen.dot(q[i], q[i]));
            for (int j = 0; j < d; j++) {
                q[i][j] /= norm;
            }
        }
        return q;
    }
}
