package org.probelab.geometry;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One cluster's points, centred on their mean and copied contiguously, with lazily computed Gram rows
 * shared by every query against it (test points in prediction, single points in distances, the merge checks
 * of a component of the merge search). Safe to share between threads: a row computed twice by a race is the
 * same row.
 */
final class ClusterHull {
    final int size;
    final int dim;
    final double[] mean;
    /** Centred rows, row-major. */
    final float[] z;
    /** Centred rows, dimension-major: the right operand of {@link Dots#multiplyTransposed}. */
    final float[] zT;
    final double[] diagonal;
    private final AtomicReferenceArray<float[]> rows;
    /** Rows kept at most (then computed afresh on each call). */
    private final long keep;
    private final AtomicLong kept = new AtomicLong();
    private final AtomicLong computed = new AtomicLong();

    /** Keeps every Gram row computed. */
    ClusterHull(PointMatrix points, int[] members) {
        this(points, members, Long.MAX_VALUE);
    }

    /** Keeps Gram rows up to {@code keepFloats} floats in all. */
    ClusterHull(PointMatrix points, int[] members, long keepFloats) {
        size = members.length;
        dim = points.dim;
        mean = new double[dim];
        for (int r : members) {
            for (int k = 0; k < dim; k++) {
                mean[k] += points.data[r * dim + k];
            }
        }
        for (int k = 0; k < dim; k++) {
            mean[k] /= size;
        }
        z = new float[size * dim];
        zT = new float[size * dim];
        diagonal = new double[size];
        for (int i = 0; i < size; i++) {
            int src = members[i] * dim;
            for (int k = 0; k < dim; k++) {
                float v = (float) (points.data[src + k] - mean[k]);
                z[i * dim + k] = v;
                zT[k * size + i] = v;
            }
            diagonal[i] = Dots.dot(z, i * dim, z, i * dim, dim);
        }
        rows = new AtomicReferenceArray<>(size);
        keep = Math.max(1, keepFloats / Math.max(1, size));
    }

    float[] row(int i) {
        float[] row = rows.get(i);
        if (row == null) {
            row = new float[size];
            Dots.multiplyVector(z, i * dim, zT, size, dim, row);
            computed.incrementAndGet();
            if (kept.incrementAndGet() <= keep) {
                rows.set(i, row);
            }
        }
        return row;
    }

    /** Gram rows computed so far. */
    long rowsComputed() {
        return computed.get();
    }
}
