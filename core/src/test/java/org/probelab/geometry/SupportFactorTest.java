package org.probelab.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SupportFactorTest {
    @Test
    void afterRandomAddsAndDropsTheUpdatedFactorSolvesTheSystemAsAFreshOneDoes() {
        Random random = new Random(5);
        int n = 120;
        int dim = 150;
        double[][] x = gaussian(random, n, dim);
        Products.Product product = (i, j) -> dot(x[i], x[j]);
        double ridge = 1e-12 * dim;
        SupportFactor updated = new SupportFactor(n, product, ridge);
        List<Integer> outside = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(outside, random);
        int checks = 0;
        for (int round = 0; round < 400; round++) {
            boolean add = updated.size() < 3 || (updated.size() < 90 && random.nextInt(3) > 0);
            if (add) {
                int i = outside.remove(outside.size() - 1);
                assertTrue(updated.add(i));
            } else {
                int i = updated.member(random.nextInt(updated.size()));
                updated.remove(i);
                outside.add(random.nextInt(outside.size() + 1), i);
            }
            if (round % 20 == 19) {
                SupportFactor fresh = new SupportFactor(n, product, ridge);
                for (int k = 0; k < updated.size(); k++) {
                    assertTrue(fresh.add(updated.member(k)));
                }
                double[] b = new double[updated.size()];
                double[] c = new double[updated.size()];
                for (int k = 0; k < b.length; k++) {
                    b[k] = random.nextGaussian();
                    c[k] = random.nextGaussian();
                }
                double[] viaUpdates = b.clone();
                double[] secondViaUpdates = c.clone();
                updated.solve(viaUpdates, secondViaUpdates);
                double[] viaFresh = b.clone();
                double[] secondViaFresh = c.clone();
                fresh.solve(viaFresh, secondViaFresh);
                assertArrayEquals(viaFresh, viaUpdates, 1e-9 * norm(viaFresh), "round " + round);
                assertArrayEquals(secondViaFresh, secondViaUpdates, 1e-9 * norm(secondViaFresh), "round " + round);
                // and they are solutions: K x = b
                for (int k = 0; k < b.length; k++) {
                    double kx = ridge * viaUpdates[k];
                    double ky = ridge * secondViaUpdates[k];
                    for (int l = 0; l < b.length; l++) {
                        double g = product.of(updated.member(k), updated.member(l));
                        kx += g * viaUpdates[l];
                        ky += g * secondViaUpdates[l];
                    }
                    assertEquals(b[k], kx, 1e-9 * (1 + Math.abs(b[k])));
                    assertEquals(c[k], ky, 1e-9 * (1 + Math.abs(c[k])));
                }
                checks++;
            }
        }
        assertEquals(20, checks);
    }

    @Test
    void aPointInTheSpanOfTheMembersIsRefusedWithoutARidgeAndTheFactorStaysUsable() {
        double[][] x = {{1, 0}, {0, 1}, {2, 3}};
        SupportFactor factor = new SupportFactor(3, (i, j) -> dot(x[i], x[j]), 0);
        assertTrue(factor.add(0));
        assertTrue(factor.add(1));
        // x₂ = 2x₀ + 3x₁: its pivot 13 − (2² + 3²) is exactly 0.
        assertFalse(factor.add(2));
        assertEquals(2, factor.size());
        assertFalse(factor.contains(2));
        double[] b = {4, 5};
        double[] c = {-1, 2};
        factor.solve(b, c);
        assertArrayEquals(new double[] {4, 5}, b, 1e-15);
        assertArrayEquals(new double[] {-1, 2}, c, 1e-15);
    }

    @Test
    void theCorrectiveStepGivesTheWeightsOfTheBorderedSystemSolvedAfreshAtEveryDrop() {
        // Random small problems: the weights of the updated factor (kept over successive steps whose supports
        // differ by a few points) match the reference: the bordered system [G + ridge·I, E; Eᵀ, 0] solved by
        // Gaussian elimination after every drop, as the step did before.
        Random random = new Random(9);
        int drops = 0;
        for (int trial = 0; trial < 40; trial++) {
            int nA = 6 + random.nextInt(20);
            int nB = 6 + random.nextInt(20);
            int d = 60 + random.nextInt(40); // above the point count: the system is well conditioned
            float[] data = new float[(nA + nB) * d];
            double shift = random.nextDouble() * 3;
            for (int i = 0; i < nA + nB; i++) {
                for (int k = 0; k < d; k++) {
                    data[i * d + k] = (float) (random.nextGaussian() + (i >= nA && k == 0 ? shift : 0));
                }
            }
            PairHulls hulls = new PairHulls(new PointMatrix(data, nA + nB, d),
                    IntStream.range(0, nA).toArray(), IntStream.range(nA, nA + nB).toArray());
            CorrectiveStep step = new CorrectiveStep(hulls);
            for (int s = 0; s < 5; s++) {
                // a random support with both sides and random weights summing to 1 per side
                int[] support = IntStream.range(0, nA + nB).filter(i -> random.nextInt(3) > 0).toArray();
                if (support.length == 0 || support[0] >= nA || support[support.length - 1] < nA) {
                    continue;
                }
                double[] weight = new double[nA + nB];
                double sumA = 0;
                double sumB = 0;
                for (int i : support) {
                    weight[i] = 0.05 + random.nextDouble();
                    if (i < nA) {
                        sumA += weight[i];
                    } else {
                        sumB += weight[i];
                    }
                }
                for (int i : support) {
                    weight[i] /= i < nA ? sumA : sumB;
                }
                double[] expected = ReferenceStep.weights(hulls, support, weight);
                double[] actual = step.weights(support, support.length, weight);
                assertNotNull(expected);
                assertNotNull(actual);
                assertArrayEquals(expected, actual, 1e-9, "trial " + trial + ", step " + s);
                for (int a = 0; a < support.length; a++) {
                    drops += actual[a] == 0 ? 1 : 0;
                }
            }
        }
        assertTrue(drops > 20, drops + " drops: the cases must exercise them");
    }

    /** The corrective step as it was: a fresh Gaussian elimination of the bordered system after each drop. */
    private static final class ReferenceStep {
        static double[] weights(Hulls h, int[] support, double[] weight) {
            int count = support.length;
            double maxDiagonal = 0;
            for (int i = 0; i < h.size; i++) {
                maxDiagonal = Math.max(maxDiagonal, h.diagonal(i));
            }
            double ridge = 1e-12 * maxDiagonal;
            double[] w = new double[count];
            boolean[] alive = new boolean[count];
            for (int a = 0; a < count; a++) {
                w[a] = weight[support[a]];
                alive[a] = w[a] > 0;
            }
            for (int drop = 0; drop <= 8; drop++) {
                double[] target = affineMinimum(h, support, alive, ridge);
                double t = 1;
                int leaving = -1;
                for (int a = 0; a < count; a++) {
                    if (alive[a] && target[a] < 0 && w[a] / (w[a] - target[a]) < t) {
                        t = w[a] / (w[a] - target[a]);
                        leaving = a;
                    }
                }
                for (int a = 0; a < count; a++) {
                    if (alive[a]) {
                        w[a] += t * (target[a] - w[a]);
                    }
                }
                if (leaving < 0) {
                    break;
                }
                alive[leaving] = false;
                w[leaving] = 0;
            }
            double sumA = 0;
            double sumB = 0;
            for (int a = 0; a < count; a++) {
                w[a] = Math.max(0, w[a]);
                sumA += support[a] < h.sizeA ? w[a] : 0;
                sumB += support[a] < h.sizeA ? 0 : w[a];
            }
            for (int a = 0; a < count; a++) {
                w[a] /= support[a] < h.sizeA ? sumA : sumB;
            }
            return w;
        }

        private static double[] affineMinimum(Hulls h, int[] support, boolean[] alive, double ridge) {
            int[] index = IntStream.range(0, support.length).filter(a -> alive[a]).toArray();
            int m = index.length;
            int size = m + 2;
            double[][] k = new double[size][size + 1];
            for (int x = 0; x < m; x++) {
                for (int y = 0; y < m; y++) {
                    k[x][y] = h.product(support[index[x]], support[index[y]]);
                }
                k[x][x] += ridge;
                int side = support[index[x]] < h.sizeA ? m : m + 1;
                k[x][side] = 1;
                k[side][x] = 1;
            }
            k[m][size] = 1;
            k[m + 1][size] = 1;
            for (int col = 0; col < size; col++) {
                int pivot = col;
                for (int r = col + 1; r < size; r++) {
                    if (Math.abs(k[r][col]) > Math.abs(k[pivot][col])) {
                        pivot = r;
                    }
                }
                double[] swap = k[col];
                k[col] = k[pivot];
                k[pivot] = swap;
                for (int r = col + 1; r < size; r++) {
                    double f = k[r][col] / k[col][col];
                    for (int c = col; c <= size; c++) {
                        k[r][c] -= f * k[col][c];
                    }
                }
            }
            double[] solution = new double[size];
            for (int r = size - 1; r >= 0; r--) {
                double v = k[r][size];
                for (int c = r + 1; c < size; c++) {
                    v -= k[r][c] * solution[c];
                }
                solution[r] = v / k[r][r];
            }
            double[] target = new double[support.length];
            for (int x = 0; x < m; x++) {
                target[index[x]] = solution[x];
            }
            return target;
        }
    }

    private static double[][] gaussian(Random random, int n, int dim) {
        double[][] x = new double[n][dim];
        for (double[] row : x) {
            for (int k = 0; k < dim; k++) {
                row[k] = random.nextGaussian();
            }
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
