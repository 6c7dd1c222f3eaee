package org.probelab.geometry;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.probelab.represent.LabelledVectors;

/**
 * Principal component analysis of one layer's vectors: the top {@code k} directions of the sample
 * covariance (double precision), the share of total variance each explains, and projection onto them.
 * Deterministic for a given seed: the row sample, the iteration's start and each component's sign
 * (its largest-magnitude coordinate is positive) are all fixed.
 */
public final class Pca {
    private final double[] mean;
    private final double[][] components;
    private final double[] variances;
    private final double totalVariance;
    private final int fittedRows;

    private Pca(double[] mean, double[][] components, double[] variances, double totalVariance, int fittedRows) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
        this.totalVariance = totalVariance;
        this.fittedRows = fittedRows;
    }

    /**
     * Fits on at most {@code maxRows} rows of {@code vectors}, drawn without replacement with {@code seed}
     * when there are more (the covariance costs rows × dim² operations).
     *
     * @throws IllegalArgumentException for fewer than two rows, {@code k} outside 1..dim, rows without
     *                                  variance, or a non-finite value (naming the row and its label)
     */
    public static Pca fit(LabelledVectors vectors, int k, int maxRows, long seed) {
        if (maxRows < 2) {
            throw new IllegalArgumentException("maxRows is " + maxRows + "; PCA needs at least 2 rows");
        }
        int[] rows = sample(vectors.rows(), maxRows, seed);
        float[] row = new float[vectors.dim()];
        double[][] data = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            vectors.row(rows[i], row);
            data[i] = finite(row, "row " + rows[i] + " (label '" + vectors.labels().get(rows[i]) + "')");
        }
        return fitRows(data, k, seed);
    }

    /** Fits on every row of {@code rows} (all of one length). */
    public static Pca fit(float[][] rows, int k, long seed) {
        double[][] data = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != rows[0].length) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has "
                        + rows[0].length + "; every row must have the same dimension");
            }
            data[i] = finite(rows[i], "row " + i);
        }
        return fitRows(data, k, seed);
    }

    private static Pca fitRows(double[][] data, int k, long seed) {
        if (data.length < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 rows, got " + data.length);
        }
        int d = data[0].length;
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("k is " + k + "; ask for 1 to " + d + " components (the dimension)");
        }
        double[] mean = new double[d];
        for (double[] row : data) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / data.length;
            }
        }
        double[][] covariance = covariance(data, mean);
        double total = 0;
        for (int j = 0; j < d; j++) {
            total += covariance[j][j];
        }
        if (total <= 0) {
            throw new IllegalArgumentException("all " + data.length + " rows are identical; there is no variance to analyse");
        }
        TopEigen eigen = TopEigen.of(covariance, k, seed);
        double[] variances = new double[k];
        for (int i = 0; i < k; i++) {
            // Round-off can leave a null direction a hair below zero; a variance is never negative.
            variances[i] = Math.max(0, eigen.values[i]);
            orientBySign(eigen.vectors[i]);
        }
        return new Pca(mean, eigen.vectors, variances, total, data.length);
    }

    /** The sample covariance (divided by rows − 1) of the centred rows. */
    private static double[][] covariance(double[][] data, double[] mean) {
        int d = mean.length;
        double[][] covariance = new double[d][d];
        double[] centred = new double[d];
        for (double[] row : data) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                double[] out = covariance[a];
                for (int b = a; b < d; b++) {
                    out[b] += ca * centred[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                covariance[a][b] /= data.length - 1;
                covariance[b][a] = covariance[a][b];
            }
        }
        return covariance;
    }

    /** An eigenvector's sign is arbitrary; fixing it keeps plots from flipping between runs. */
    private static void orientBySign(double[] component) {
        int largest = 0;
        for (int j = 1; j < component.length; j++) {
            if (Math.abs(component[j]) > Math.abs(component[largest])) {
                largest = j;
            }
        }
        if (component[largest] < 0) {
            for (int j = 0; j < component.length; j++) {
                component[j] = -component[j];
            }
        }
    }

    /** {@code count} distinct row indices below {@code rows} (all of them when they fit), ascending. */
    private static int[] sample(int rows, int count, long seed) {
        int[] all = new int[rows];
        for (int i = 0; i < rows; i++) {
            all[i] = i;
        }
        if (rows <= count) {
            return all;
        }
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(rows - i);
            int swap = all[i];
            all[i] = all[j];
            all[j] = swap;
        }
        int[] chosen = Arrays.copyOf(all, count);
        Arrays.sort(chosen);
        return chosen;
    }

    private static double[] finite(float[] row, String where) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            if (!Float.isFinite(row[j])) {
                throw new IllegalArgumentException(where + " has " + row[j] + " at dimension " + j
                        + "; PCA needs finite vectors (check the extraction that produced them)");
            }
            out[j] = row[j];
        }
        return out;
    }

    /** Coordinates of {@code row} on the components, after centring on the fitted mean. */
    public double[] project(float[] row) {
        if (row.length != mean.length) {
            throw new IllegalArgumentException("row has " + row.length + " values; this PCA was fitted on dimension "
                    + mean.length);
        }
        double[] centred = finite(row, "the row to project");
        for (int j = 0; j < centred.length; j++) {
            centred[j] -= mean[j];
        }
        double[] out = new double[components.length];
        for (int i = 0; i < components.length; i++) {
            out[i] = TopEigen.dot(components[i], centred);
        }
        return out;
    }

    /** Every row of {@code vectors} projected, in row order. */
    public double[][] project(LabelledVectors vectors) {
        if (vectors.dim() != mean.length) {
            throw new IllegalArgumentException("vectors have dimension " + vectors.dim()
                    + "; this PCA was fitted on dimension " + mean.length);
        }
        float[] row = new float[vectors.dim()];
        double[][] out = new double[vectors.rows()][];
        List<String> labels = vectors.labels();
        for (int i = 0; i < out.length; i++) {
            vectors.row(i, row);
            try {
                out[i] = project(row);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("row " + i + " (label '" + labels.get(i) + "'): " + e.getMessage(), e);
            }
        }
        return out;
    }

    public int dim() {
        return mean.length;
    }

    /** How many components were fitted ({@code k}). */
    public int components() {
        return components.length;
    }

    /** How many rows the fit used (after sampling). */
    public int fittedRows() {
        return fittedRows;
    }

    public double[] mean() {
        return mean.clone();
    }

    /** Unit-length direction {@code i} (0 = most variance). */
    public double[] component(int i) {
        return components[i].clone();
    }

    /** The variance along each component, descending. */
    public double[] explainedVariance() {
        return variances.clone();
    }

    /** Each component's share of the total variance (the covariance's trace), descending; sums to at most 1. */
    public double[] explainedVarianceRatio() {
        double[] ratio = new double[variances.length];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = variances[i] / totalVariance;
        }
        return ratio;
    }
}
