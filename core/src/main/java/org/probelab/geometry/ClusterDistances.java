package org.probelab.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.probelab.Progress;

/**
 * Hull-to-hull distances between final clusters of different labels (twice the hard-margin SVM margin;
 * 0 when they overlap), and from each solved pair the two certificate half-spaces, which later bound a
 * test point's distance to either hull from below.
 */
final class ClusterDistances {
    /** dist(x, hull) ≥ normal · x − offset for every x: the hull lies in {@code normal · y ≤ offset}. */
    record HalfSpace(int cluster, double[] normal, double offset) {
    }

    private static final int CHUNK = 256;

    final double[][] distance;
    final List<HalfSpace> halfSpaces = new ArrayList<>();

    ClusterDistances(PointMatrix points, List<int[]> clusters, int[] clusterLabel, ClusterHull[] hulls,
            HullSolver.Stop stop, MergeSearch.Counters counters, Parallel parallel, Progress progress) {
        int c = clusters.size();
        distance = new double[c][c];
        for (double[] row : distance) {
            Arrays.fill(row, Double.NaN);
        }
        int[] singles = IntStream.range(0, c).filter(k -> hulls[k] == null).toArray();
        int[] multis = IntStream.range(0, c).filter(k -> hulls[k] != null).toArray();

        // Two hulls of several points: one nearest-point problem per pair.
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < multis.length; i++) {
            for (int j = i + 1; j < multis.length; j++) {
                if (clusterLabel[multis[i]] != clusterLabel[multis[j]]) {
                    pairs.add(new int[] {multis[i], multis[j]});
                }
            }
        }
        PhaseProgress solved = new PhaseProgress(progress, "directprobe distances", pairs.size() + multis.length);
        HalfSpace[][] found = new HalfSpace[pairs.size()][];
        parallel.forEach(pairs.size(), k -> {
            int i = pairs.get(k)[0];
            int j = pairs.get(k)[1];
            HullSolver.Result r = counters.solve(new PairHulls(points, clusters.get(i), clusters.get(j)), stop);
            set(i, j, r.overlaps() ? 0 : r.upper());
            if (!r.overlaps() && r.lower() > 0) {
                found[k] = halfSpaces(points, r.direction(), i, clusters.get(i), j, clusters.get(j));
            }
            solved.advance(1);
        });
        for (HalfSpace[] pair : found) {
            if (pair != null) {
                halfSpaces.addAll(List.of(pair));
            }
        }

        // A hull against the single points of other labels: their products with its members in one product.
        parallel.forEach(multis.length, m -> {
            int k = multis[m];
            ClusterHull hull = hulls[k];
            int[] others = Arrays.stream(singles).filter(s -> clusterLabel[s] != clusterLabel[k]).toArray();
            int d = points.dim;
            for (int from = 0; from < others.length; from += CHUNK) {
                int to = Math.min(others.length, from + CHUNK);
                float[] centred = new float[(to - from) * d];
                for (int i = from; i < to; i++) {
                    int row = clusters.get(others[i])[0];
                    for (int q = 0; q < d; q++) {
                        centred[(i - from) * d + q] = (float) (points.data[row * d + q] - hull.mean[q]);
                    }
                }
                float[] products = new float[(to - from) * hull.size];
                Dots.multiplyTransposed(centred, to - from, hull.zT, hull.size, d, products);
                for (int i = from; i < to; i++) {
                    double[] query = new double[d];
                    for (int q = 0; q < d; q++) {
                        query[q] = centred[(i - from) * d + q];
                    }
                    float[] row = Arrays.copyOfRange(products, (i - from) * hull.size, (i - from + 1) * hull.size);
                    HullSolver.Result r = counters.solve(new PointHulls(hull, query, row), stop);
                    set(k, others[i], r.overlaps() ? 0 : r.upper());
                }
            }
            solved.advance(1);
        });

        // Two single points: their distance.
        parallel.forEach(singles.length, a -> {
            for (int b = a + 1; b < singles.length; b++) {
                if (clusterLabel[singles[a]] != clusterLabel[singles[b]]) {
                    double value = Math.sqrt(points.squaredDistance(clusters.get(singles[a])[0],
                            clusters.get(singles[b])[0]));
                    set(singles[a], singles[b], value <= stop.tolerance() ? 0 : value);
                }
            }
        });
    }

    private void set(int i, int j, double value) {
        distance[i][j] = value;
        distance[j][i] = value;
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
