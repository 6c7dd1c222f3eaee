package org.probelab.geometry;

import org.probelab.represent.LabelledVectors;

/**
 * How much a layer changed between two models: the mean, over items, of the cosine between the same
 * item's vector under each (Zhou & Srikumar 2022 compare snapshots this way before turning to geometry).
 * 1 means every vector kept its direction.
 */
public final class MeanCosine {
    private MeanCosine() {
    }

    /**
     * @throws IllegalArgumentException when the two hold different items (row counts or labels differ)
     */
    public static double between(LabelledVectors a, LabelledVectors b) {
        if (a.rows() != b.rows() || !a.labels().equals(b.labels()) || a.dim() != b.dim()) {
            throw new IllegalArgumentException("mean cosine needs the same items under both models; got "
                    + a.rows() + " rows of " + a.dim() + " and " + b.rows() + " rows of " + b.dim());
        }
        if (a.rows() == 0) {
            throw new IllegalArgumentException("mean cosine of no items");
        }
        float[] x = new float[a.dim()];
        float[] y = new float[b.dim()];
        double sum = 0;
        for (int i = 0; i < a.rows(); i++) {
            a.row(i, x);
            b.row(i, y);
            double dot = 0;
            double xx = 0;
            double yy = 0;
            for (int k = 0; k < x.length; k++) {
                dot += (double) x[k] * y[k];
                xx += (double) x[k] * x[k];
                yy += (double) y[k] * y[k];
            }
            // A zero vector has no direction: count it as unchanged only if both are zero.
            sum += xx == 0 || yy == 0 ? (xx == yy ? 1 : 0) : dot / Math.sqrt(xx * yy);
        }
        return sum / a.rows();
    }
}
