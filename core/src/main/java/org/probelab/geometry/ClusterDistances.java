package org.probelab.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hull-to-hull distances between final clusters of different labels (twice the hard-margin SVM margin;
 * 0 when they overlap), and from each solved pair the two certificate half-spaces, which later bound a
 * test point's distance to either hull from below.
 */
final class ClusterDistances {
    /** dist(x, hull) ≥ normal · x − offset for every x: the hull lies in {@code normal · y ≤ offset}. */
    record HalfSpace(int cluster, double[] normal, double offset) {
    }

    final double[][] distance;
    final List<HalfSpace> halfSpaces = new ArrayList<>();

    ClusterDistances(PointMatrix points, List<int[]> clusters, int[] clusterLabel, ClusterHull[] hulls,
            HullSolver.Stop stop, MergeSearch.Counters counters, Parallel parallel) {
        int c = clusters.size();
        distance = new double[c][c];
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            Arrays.fill(distance[i], Double.NaN);
            for (int j = i + 1; j < c; j++) {
                if (clusterLabel[i] != clusterLabel[j]) {
                    pairs.add(new int[] {i, j});
                }
            }
        }
        HalfSpace[][] found = new HalfSpace[pairs.size()][];
        parallel.forEach(pairs.size(), k -> {
            int i = pairs.get(k)[0];
            int j = pairs.get(k)[1];
            int[] a = clusters.get(i);
            int[] b = clusters.get(j);
            double value;
            if (a.length == 1 && b.length == 1) {
                value = Math.sqrt(points.squaredDistance(a[0], b[0]));
                value = value <= stop.tolerance() ? 0 : value;
            } else if (a.length == 1 || b.length == 1) {
                int single = a.length == 1 ? a[0] : b[0];
                ClusterHull hull = hulls[a.length == 1 ? j : i];
                HullSolver.Result r = counters.solve(pointHulls(points, hull, single), stop);
                value = r.overlaps() ? 0 : r.upper();
            } else {
                HullSolver.Result r = counters.solve(new PairHulls(points, a, b), stop);
                value = r.overlaps() ? 0 : r.upper();
                if (!r.overlaps() && r.lower() > 0) {
                    found[k] = halfSpaces(points, r.direction(), i, a, j, b);
                }
            }
            distance[i][j] = value;
            distance[j][i] = value;
        });
        for (HalfSpace[] pair : found) {
            if (pair != null) {
                halfSpaces.addAll(List.of(pair));
            }
        }
    }

    /** The hull of one cluster against one training row, with exact products. */
    static PointHulls pointHulls(PointMatrix points, ClusterHull hull, int row) {
        double[] query = new double[points.dim];
        for (int k = 0; k < points.dim; k++) {
            query[k] = points.data[row * points.dim + k] - hull.mean[k];
        }
        float[] products = new float[hull.size];
        for (int i = 0; i < hull.size; i++) {
            products[i] = (float) Dots.dot(hull.z, i * points.dim, query);
        }
        return new PointHulls(hull, query, products);
    }

    /** Hull A lies in {@code n·y ≥ min_A n·a}, hull B in {@code n·y ≤ max_B n·b}, for {@code n = p / ‖p‖}. */
    private static HalfSpace[] halfSpaces(PointMatrix points, double[] p, int i, int[] a, int j, int[] b) {
        double norm = Math.sqrt(Dots.dot(p, p));
        double[] n = new double[p.length];
        double[] minus = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            n[k] = p[k] / norm;
            minus[k] = -n[k];
        }
        double minA = Double.POSITIVE_INFINITY;
        for (int r : a) {
            minA = Math.min(minA, Dots.dot(points.data, r * points.dim, n));
        }
        double maxB = Double.NEGATIVE_INFINITY;
        for (int r : b) {
            maxB = Math.max(maxB, Dots.dot(points.data, r * points.dim, n));
        }
        return new HalfSpace[] {new HalfSpace(i, minus, -minA), new HalfSpace(j, n, maxB)};
    }
}
