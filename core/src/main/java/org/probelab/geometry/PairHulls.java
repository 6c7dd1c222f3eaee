package org.probelab.geometry;

/**
 * Two sets of rows of a {@link PointMatrix}, copied once into one contiguous, centred, signed float block
 * (A rows as {@code a − c}, B rows as {@code c − b}, {@code c} the mean of both centroids: centring keeps
 * the float Gram entries small next to hull distances). Gram rows are computed on demand and kept in a
 * {@link RowCache}.
 */
final class PairHulls extends Hulls {
    private final float[] z;
    /** The same rows dimension-major, for Gram rows as vectorised axpys. */
    private final float[] zT;
    private final double[] diagonal;
    private final RowCache cache;
    private Products products;
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
        zT = new float[size * d];
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < d; k++) {
                zT[k * size + i] = z[i * d + k];
            }
        }
        diagonal = new double[size];
        for (int i = 0; i < size; i++) {
            diagonal[i] = Dots.dot(z, i * d, z, i * d, d);
        }
        cache = new RowCache(size);
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
            Dots.multiplyVector(z, i * dim, zT, size, dim, row);
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
    double product(int i, int j) {
        if (products == null) {
            products = new Products(size, (x, y) -> Dots.dot(z, x * dim, z, y * dim, dim));
        }
        return products.get(i, j);
    }

    /** One vectorised float product with the dimension-major rows (a Gram row's cost, at SIMD speed). */
    @Override
    void refreshScores(double[] p, double[] weight, int[] support, int count, double[] out) {
        float[] direction = new float[dim];
        for (int k = 0; k < dim; k++) {
            direction[k] = (float) p[k];
        }
        float[] scores = new float[size];
        Dots.multiplyVector(direction, 0, zT, size, dim, scores);
        for (int i = 0; i < size; i++) {
            out[i] = scores[i];
        }
    }

    @Override
    long rowsComputed() {
        return computed;
    }
}
