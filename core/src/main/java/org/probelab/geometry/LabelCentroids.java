package org.probelab.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.probelab.represent.LabelledVectors;

/**
 * The mean vector of each label's items in one layer (double precision), labels in sorted order, with
 * how many items each mean is over.
 */
public record LabelCentroids(List<String> labels, List<Integer> counts, double[][] centroids) {
    public LabelCentroids {
        labels = List.copyOf(labels);
        counts = List.copyOf(counts);
        centroids = centroids.clone();
        for (int i = 0; i < centroids.length; i++) {
            centroids[i] = centroids[i].clone();
        }
    }

    /**
     * @throws IllegalArgumentException for no items or a non-finite value (naming its row and label)
     */
    public static LabelCentroids of(LabelledVectors vectors) {
        if (vectors.rows() == 0) {
            throw new IllegalArgumentException("no items: label centroids need at least one");
        }
        int d = vectors.dim();
        Map<String, double[]> sums = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        float[] row = new float[d];
        for (int i = 0; i < vectors.rows(); i++) {
            vectors.row(i, row);
            String label = vectors.labels().get(i);
            double[] sum = sums.computeIfAbsent(label, l -> new double[d]);
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException("row " + i + " (label '" + label + "') has " + row[j]
                            + " at dimension " + j + "; centroids need finite vectors");
                }
                sum[j] += row[j];
            }
            counts.merge(label, 1, Integer::sum);
        }
        List<String> labels = new ArrayList<>(sums.keySet());
        double[][] centroids = new double[labels.size()][];
        for (int c = 0; c < labels.size(); c++) {
            double[] sum = sums.get(labels.get(c));
            int n = counts.get(labels.get(c));
            for (int j = 0; j < d; j++) {
                sum[j] /= n;
            }
            centroids[c] = sum;
        }
        return new LabelCentroids(labels, List.copyOf(counts.values()), centroids);
    }

    @Override
    public double[][] centroids() {
        double[][] out = centroids.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i].clone();
        }
        return out;
    }

    /** The centroid of {@code label}, or null when no item has it. */
    public double[] centroid(String label) {
        int i = labels.indexOf(label);
        return i < 0 ? null : centroids[i].clone();
    }

    /**
     * How far each label's centroid moved from this space to {@code after} (e.g. a layer before and after
     * fine-tuning), for the labels both have, in sorted order.
     *
     * @throws IllegalArgumentException when the spaces differ in dimension
     */
    public Map<String, Double> movementTo(LabelCentroids after) {
        if (after.dim() != dim()) {
            throw new IllegalArgumentException("centroids of dimension " + dim() + " and " + after.dim()
                    + " are not in one space; compare the same layer of two models of one size");
        }
        Map<String, Double> out = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            int j = after.labels.indexOf(labels.get(i));
            if (j >= 0) {
                out.put(labels.get(i), distance(centroids[i], after.centroids[j]));
            }
        }
        return out;
    }

    public int dim() {
        return centroids[0].length;
    }

    /** The centroids as float rows, e.g. to fit a {@link Pca} on. */
    public float[][] asFloatRows() {
        float[][] out = new float[centroids.length][dim()];
        for (int i = 0; i < centroids.length; i++) {
            for (int j = 0; j < dim(); j++) {
                out[i][j] = (float) centroids[i][j];
            }
        }
        return out;
    }

    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }
}
