package org.probelab.geometry;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The largest eigenvalues and their eigenvectors of a symmetric positive semi-definite matrix, by
 * subspace iteration with a Rayleigh–Ritz step: a few matrix–block products instead of a full
 * decomposition, which for the top few of 768 dimensions is far cheaper.
 */
final class TopEigen {
    /** Extra subspace columns: convergence goes with the gap to eigenvalue k + EXTRA, not to k + 1. */
    private static final int EXTRA = 8;
    private static final int MAX_ITERATIONS = 1000;
    /** Residual ‖Cv − λv‖ accepted, relative to the largest eigenvalue. */
    private static final double TOLERANCE = 1e-10;

    final double[] values;
    final double[][] vectors;

    private TopEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** The top {@code k} eigenpairs of {@code matrix}, largest first; {@code seed} fixes the start. */
    static TopEigen of(double[][] matrix, int k, long seed) {
        int d = matrix.length;
        int width = Math.min(d, k + EXTRA);
        Random random = new Random(seed);
        double[][] basis = new double[width][];
        for (int j = 0; j < width; j++) {
            basis[j] = gaussian(d, random);
        }
        orthonormalise(basis, random);
        double[] ritzValues = null;
        double[][] ritzVectors = null;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[][] image = new double[width][];
            for (int j = 0; j < width; j++) {
                image[j] = times(matrix, basis[j]);
            }
            double[][] small = new double[width][width];
            for (int a = 0; a < width; a++) {
                for (int b = a; b < width; b++) {
                    small[a][b] = small[b][a] = dot(basis[a], image[b]);
                }
            }
            Jacobi eigen = Jacobi.of(small);
            ritzValues = eigen.values;
            ritzVectors = combine(basis, eigen.vectors);
            double[][] images = combine(image, eigen.vectors);
            if (converged(ritzValues, ritzVectors, images, k)) {
                break;
            }
            basis = images;
            orthonormalise(basis, random);
        }
        return new TopEigen(Arrays.copyOf(ritzValues, k), Arrays.copyOf(ritzVectors, k));
    }

    private static boolean converged(double[] values, double[][] vectors, double[][] images, int k) {
        double scale = Math.max(Math.abs(values[0]), Double.MIN_NORMAL);
        for (int i = 0; i < k; i++) {
            double residual = 0;
            for (int r = 0; r < vectors[i].length; r++) {
                double e = images[i][r] - values[i] * vectors[i][r];
                residual += e * e;
            }
            if (Math.sqrt(residual) > TOLERANCE * scale) {
                return false;
            }
        }
        return true;
    }

    /** Column {@code j} of the result is Σ_a weights[a][j] · columns[a]. */
    private static double[][] combine(double[][] columns, double[][] weights) {
        int width = weights[0].length;
        double[][] out = new double[width][columns[0].length];
        for (int j = 0; j < width; j++) {
            for (int a = 0; a < columns.length; a++) {
                double w = weights[a][j];
                for (int r = 0; r < out[j].length; r++) {
                    out[j][r] += w * columns[a][r];
                }
            }
        }
        return out;
    }

    /**
     * Gram–Schmidt, twice per column for round-off; a column that vanishes (the matrix has lower rank than
     * the subspace) is replaced by a fresh random direction so the basis stays full.
     */
    private static void orthonormalise(double[][] basis, Random random) {
        for (int j = 0; j < basis.length; j++) {
            double before = norm(basis[j]);
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    subtract(basis[j], basis[i], dot(basis[i], basis[j]));
                }
            }
            double after = norm(basis[j]);
            if (after <= 1e-12 * Math.max(before, Double.MIN_NORMAL)) {
                basis[j] = gaussian(basis[j].length, random);
                j--;
                continue;
            }
            for (int r = 0; r < basis[j].length; r++) {
                basis[j][r] /= after;
            }
        }
    }

    private static double[] gaussian(int d, Random random) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    private static double[] times(double[][] matrix, double[] v) {
        double[] out = new double[matrix.length];
        for (int r = 0; r < matrix.length; r++) {
            out[r] = dot(matrix[r], v);
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static void subtract(double[] target, double[] direction, double amount) {
        for (int i = 0; i < target.length; i++) {
            target[i] -= amount * direction[i];
        }
    }

    /** Full eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations, values descending. */
    private static final class Jacobi {
        private static final int MAX_SWEEPS = 100;

        final double[] values;
        /** Column j ({@code vectors[*][j]}) belongs to {@code values[j]}. */
        final double[][] vectors;

        private Jacobi(double[] values, double[][] vectors) {
            this.values = values;
            this.vectors = vectors;
        }

        static Jacobi of(double[][] symmetric) {
            int n = symmetric.length;
            double[][] a = new double[n][];
            for (int i = 0; i < n; i++) {
                a[i] = symmetric[i].clone();
            }
            double[][] v = new double[n][n];
            for (int i = 0; i < n; i++) {
                v[i][i] = 1;
            }
            for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(a) > 1e-30 * diagonal(a); sweep++) {
                for (int p = 0; p < n - 1; p++) {
                    for (int q = p + 1; q < n; q++) {
                        if (a[p][q] != 0) {
                            rotate(a, v, p, q);
                        }
                    }
                }
            }
            Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble(i -> -a[i][i]));
            double[] values = new double[n];
            double[][] vectors = new double[n][n];
            for (int j = 0; j < n; j++) {
                values[j] = a[order[j]][order[j]];
                for (int r = 0; r < n; r++) {
                    vectors[r][j] = v[r][order[j]];
                }
            }
            return new Jacobi(values, vectors);
        }

        /** A ← JᵀAJ with the rotation J in the (p, q) plane that zeroes a[p][q]; V ← VJ. */
        private static void rotate(double[][] a, double[][] v, int p, int q) {
            double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
            double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
            if (theta == 0) {
                t = 1;
            }
            double c = 1 / Math.sqrt(t * t + 1);
            double s = t * c;
            for (int k = 0; k < a.length; k++) {
                double kp = a[k][p];
                double kq = a[k][q];
                a[k][p] = c * kp - s * kq;
                a[k][q] = s * kp + c * kq;
            }
            for (int k = 0; k < a.length; k++) {
                double pk = a[p][k];
                double qk = a[q][k];
                a[p][k] = c * pk - s * qk;
                a[q][k] = s * pk + c * qk;
            }
            for (int k = 0; k < v.length; k++) {
                double kp = v[k][p];
                double kq = v[k][q];
                v[k][p] = c * kp - s * kq;
                v[k][q] = s * kp + c * kq;
            }
        }

        private static double offDiagonal(double[][] a) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    sum += i == j ? 0 : a[i][j] * a[i][j];
                }
            }
            return sum;
        }

        private static double diagonal(double[][] a) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += a[i][i] * a[i][i];
            }
            return Math.max(sum, Double.MIN_NORMAL);
        }
    }
}
