package org.probelab.geometry;

import java.util.HashMap;
import java.util.Map;

/**
 * A cluster's hull (side A) against one query point x (side B, a hull of one point), reading the
 * cluster's shared Gram rows and the products {@code x' · z_i} of the centred query with the centred
 * members, which the caller computes for many queries at once as one matrix product. Scores are
 * refreshed from those float products rather than recomputed in double: distances to query points are
 * exact in the upper bound (‖p‖ is kept in double) and float-accurate in the lower bound.
 */
final class PointHulls extends Hulls {
    private final ClusterHull hull;
    private final double[] query;
    private final float[] products;
    private final double queryNorm2;
    private final Map<Integer, float[]> rowCache = new HashMap<>();
    private Products supportProducts;

    /**
     * @param query    the query point minus the cluster mean
     * @param products {@code query · z_i} for every member {@code i}
     */
    PointHulls(ClusterHull hull, double[] query, float[] products) {
        super(hull.size + 1, hull.size, hull.dim);
        this.hull = hull;
        this.query = query;
        this.products = products;
        this.queryNorm2 = Dots.dot(query, query);
    }

    @Override
    float[] row(int i) {
        float[] row = rowCache.get(i);
        if (row == null) {
            row = new float[size];
            if (i < sizeA) {
                System.arraycopy(hull.row(i), 0, row, 0, sizeA);
                row[sizeA] = -products[i];
            } else {
                for (int j = 0; j < sizeA; j++) {
                    row[j] = -products[j];
                }
                row[sizeA] = (float) queryNorm2;
            }
            rowCache.put(i, row);
        }
        return row;
    }

    @Override
    double diagonal(int i) {
        return i < sizeA ? hull.diagonal[i] : queryNorm2;
    }

    @Override
    void addTo(double[] p, int i, double coefficient) {
        if (i < sizeA) {
            int off = i * dim;
            for (int k = 0; k < dim; k++) {
                p[k] += coefficient * hull.z[off + k];
            }
        } else {
            for (int k = 0; k < dim; k++) {
                p[k] -= coefficient * query[k];
            }
        }
    }

    @Override
    double score(int i, double[] p) {
        return i < sizeA ? Dots.dot(hull.z, i * dim, p) : -Dots.dot(query, p);
    }

    @Override
    double squaredDistance(int i, int j) {
        if (i >= sizeA || j >= sizeA) {
            int member = Math.min(i, j);
            return hull.diagonal[member] + 2.0 * products[member] + queryNorm2;
        }
        return Dots.squaredDistance(hull.z, i * dim, hull.z, j * dim, dim);
    }

    @Override
    double product(int i, int j) {
        if (supportProducts == null) {
            supportProducts = new Products(size, (x, y) -> {
                if (x >= sizeA) {
                    return y >= sizeA ? queryNorm2 : -Dots.dot(hull.z, y * dim, query);
                }
                return y >= sizeA ? -Dots.dot(hull.z, x * dim, query) : Dots.dot(hull.z, x * dim, hull.z, y * dim, dim);
            });
        }
        return supportProducts.get(i, j);
    }

    @Override
    void scores(double[] p, double[] weight, int[] support, int count, double[] out) {
        java.util.Arrays.fill(out, 0);
        for (int k = 0; k < count; k++) {
            float[] row = row(support[k]);
            double w = weight[support[k]];
            for (int j = 0; j < size; j++) {
                out[j] += w * row[j];
            }
        }
    }

    /** Starts from the member nearest to the query. */
    @Override
    int[] start() {
        int nearest = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < sizeA; i++) {
            double d2 = hull.diagonal[i] - 2.0 * products[i];
            if (d2 < best) {
                best = d2;
                nearest = i;
            }
        }
        return new int[] {nearest, sizeA};
    }

    @Override
    long rowsComputed() {
        return rowCache.size();
    }
}
