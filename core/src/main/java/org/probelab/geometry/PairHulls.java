package org.probelab.geometry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two sets of rows of a {@link PointMatrix}, copied once into one contiguous, centred, signed float block
 * (A rows as {@code a − c}, B rows as {@code c − b}, {@code c} the mean of both centroids: centring keeps
 * the float Gram entries small next to hull distances). Gram rows are computed on demand and kept in a
 * bounded least-recently-used cache; the solver touches few distinct rows (the supports are small).
 */
final class PairHulls extends Hulls {
    /** At most this many floats of cached Gram rows per pair (64 MiB). */
    private static final long CACHE_FLOATS = 16L << 20;

    private final float[] z;
    private final double[] diagonal;
    private final Map<Integer, float[]> cache;
    private long computed;

    PairHulls(PointMatrix points, int[] a, int[] b) {
        super(a.length + b.length, a.length, points.dim);
        int d = dim;
        double[] centre = new double[d];
        accumulateMean(points, a, centre, 0.5);
        accumulateMean(points, b, centre, 0.5);
        z = new float[size * d];
        float[] data = points.data;
        for (int i = 0; i < size; i++) {
            boolean sideA = i < sizeA;
            int src = (sideA ? a[i] : b[i - sizeA]) * d;
            int dst = i * d;
            for (int k = 0; k < d; k++) {
                double v = data[src + k] - centre[k];
                z[dst + k] = (float) (sideA ? v : -v);
            }
        }
        diagonal = new double[size];
        for (int i = 0; i < size; i++) {
            diagonal[i] = Dots.dot(z, i * d, z, i * d, d);
        }
        int capacity = (int) Math.max(16, Math.min(size, CACHE_FLOATS / size));
        cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    private static void accumulateMean(PointMatrix points, int[] rows, double[] out, double weight) {
        int d = points.dim;
        double scale = weight / rows.length;
        for (int r : rows) {
            int off = r * d;
            for (int k = 0; k < d; k++) {
                out[k] += points.data[off + k] * scale;
            }
        }
    }

    @Override
    float[] row(int i) {
        float[] row = cache.get(i);
        if (row == null) {
            row = new float[size];
            int d = dim;
            int off = i * d;
            for (int j = 0; j < size; j++) {
                row[j] = (float) Dots.dot(z, off, z, j * d, d);
            }
            cache.put(i, row);
            computed++;
        }
        return row;
    }

    @Override
    double diagonal(int i) {
        return diagonal[i];
    }

    @Override
    void addTo(double[] p, int i, double coefficient) {
        int off = i * dim;
        for (int k = 0; k < dim; k++) {
            p[k] += coefficient * z[off + k];
        }
    }

    @Override
    double score(int i, double[] p) {
        return Dots.dot(z, i * dim, p);
    }

    @Override
    double squaredDistance(int i, int j) {
        return Dots.squaredDistance(z, i * dim, z, j * dim, dim);
    }

    @Override
    long rowsComputed() {
        return computed;
    }
}
