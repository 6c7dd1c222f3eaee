package org.probelab.geometry;

import org.probelab.represent.LabelledVectors;

/** Row-major float vectors ({@code rows × dim}) held on the heap, the form every solver here reads. */
final class PointMatrix {
    final float[] data;
    final int rows;
    final int dim;

    PointMatrix(float[] data, int rows, int dim) {
        if ((long) rows * dim != data.length) {
            throw new IllegalArgumentException(rows + " rows of dimension " + dim + " need " + (long) rows * dim
                    + " floats, got " + data.length);
        }
        this.data = data;
        this.rows = rows;
        this.dim = dim;
    }

    /** Copies the vectors out of a (possibly memory-mapped) layer, rejecting NaN and infinity by row. */
    static PointMatrix of(LabelledVectors vectors, String what) {
        int rows = vectors.rows();
        int dim = vectors.dim();
        float[] data = new float[rows * dim];
        vectors.vectors().get(0, data, 0, data.length);
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                int row = i / dim;
                throw new IllegalArgumentException(what + " row " + row + " (label '" + vectors.labels().get(row)
                        + "') has " + data[i] + " at dimension " + (i % dim) + "; DirectProbe needs finite vectors");
            }
        }
        return new PointMatrix(data, rows, dim);
    }

    /** The rows listed, as a new matrix. */
    PointMatrix select(int[] keep) {
        float[] out = new float[keep.length * dim];
        for (int i = 0; i < keep.length; i++) {
            System.arraycopy(data, keep[i] * dim, out, i * dim, dim);
        }
        return new PointMatrix(out, keep.length, dim);
    }

    double squaredDistance(int i, int j) {
        return Dots.squaredDistance(data, i * dim, data, j * dim, dim);
    }
}
