package org.probelab.represent;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * The vectors of one layer and one split with their gold labels: row {@code i} of {@code vectors}
 * (row-major, {@code rows * dim} floats from position 0) is labelled {@code labels.get(i)}.
 */
public record LabelledVectors(int dim, FloatBuffer vectors, List<String> labels) {
    public LabelledVectors {
        labels = List.copyOf(labels);
        if ((long) labels.size() * dim != vectors.remaining()) {
            throw new IllegalArgumentException(labels.size() + " labels of dimension " + dim
                    + " need " + (long) labels.size() * dim + " floats, got " + vectors.remaining());
        }
    }

    public int rows() {
        return labels.size();
    }

    /** Copies row {@code i} into {@code dst}. */
    public void row(int i, float[] dst) {
        vectors.get(i * dim, dst, 0, dim);
    }
}
