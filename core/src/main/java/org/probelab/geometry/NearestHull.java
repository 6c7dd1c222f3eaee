package org.probelab.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DirectProbe's prediction: each test point goes to the cluster whose hull is nearest.
 *
 * <p>A branch and bound over clusters, in rounds. Every cluster has lower bounds on a point's distance
 * to its hull: the certificate half-spaces found while measuring cluster distances (one matrix product
 * of the test points with all their normals) and the bounding sphere; single-point clusters are measured
 * exactly at once. Each round, every unfinished point takes its next cluster in order of lower bound;
 * the points are grouped by that cluster and their products with its centred members come from one
 * matrix product per cluster; then a point-to-hull solve per point stops as soon as the hull is certified
 * farther than the best so far, or nearer than every remaining lower bound (the point is done).
 * Usually the first cluster settles it: one product row and one short solve per test point.
 */
final class NearestHull {
    private final List<int[]> clusters;
    private final ClusterHull[] hulls;
    private final double[] radius;
    private final float[] planesT;
    private final int planeCount;
    private final int[] planeCluster;
    private final double[] planeOffset;
    private final HullSolver.Stop stop;
    private final MergeSearch.Counters counters;
    private final PointMatrix train;
    /** The single-point clusters' points, dimension-major, with their squared norms. */
    private final int[] singles;
    private final float[] singlesT;
    private final double[] singleNorm2;

    NearestHull(PointMatrix train, List<int[]> clusters, ClusterHull[] hulls,
            List<ClusterDistances.HalfSpace> halfSpaces, HullSolver.Stop stop, MergeSearch.Counters counters) {
        this.train = train;
        this.clusters = clusters;
        this.hulls = hulls;
        this.stop = stop;
        this.counters = counters;
        radius = new double[clusters.size()];
        for (int c = 0; c < clusters.size(); c++) {
            if (hulls[c] != null) {
                radius[c] = Math.sqrt(Arrays.stream(hulls[c].diagonal).max().orElse(0));
            }
        }
        int d = train.dim;
        singles = java.util.stream.IntStream.range(0, clusters.size()).filter(c -> hulls[c] == null).toArray();
        singlesT = new float[singles.length * d];
        singleNorm2 = new double[singles.length];
        for (int i = 0; i < singles.length; i++) {
            int row = clusters.get(singles[i])[0];
            for (int k = 0; k < d; k++) {
                singlesT[k * singles.length + i] = train.data[row * d + k];
            }
            singleNorm2[i] = Dots.dot(train.data, row * d, train.data, row * d, d);
        }
        planeCount = halfSpaces.size();
        planesT = new float[planeCount * d];
        planeCluster = new int[planeCount];
        planeOffset = new double[planeCount];
        for (int q = 0; q < planeCount; q++) {
            ClusterDistances.HalfSpace h = halfSpaces.get(q);
            planeCluster[q] = h.cluster();
            planeOffset[q] = h.offset();
            for (int k = 0; k < d; k++) {
                planesT[k * planeCount + q] = (float) h.normal()[k];
            }
        }
    }

    /** The nearest cluster of every test row. */
    int[] predict(PointMatrix test, Parallel parallel) {
        int n = test.rows;
        int d = test.dim;
        int[] multi = java.util.stream.IntStream.range(0, clusters.size()).filter(c -> hulls[c] != null).toArray();
        int[][] order = new int[n][];
        double[][] lower = new double[n][];
        int[] best = new int[n];
        double[] bestValue = new double[n];
        int[] next = new int[n];
        // Lower bounds and exact single-point distances, in chunks (the half-space products as one product).
        int chunk = 256;
        parallel.forEach((n + chunk - 1) / chunk, c -> {
            int from = c * chunk;
            int to = Math.min(n, from + chunk);
            float[] block = Arrays.copyOfRange(test.data, from * d, to * d);
            float[] values = new float[(to - from) * Math.max(1, planeCount)];
            if (planeCount > 0) {
                Dots.multiplyTransposed(block, to - from, planesT, planeCount, d, values);
            }
            float[] singleProducts = new float[(to - from) * Math.max(1, singles.length)];
            if (singles.length > 0) {
                Dots.multiplyTransposed(block, to - from, singlesT, singles.length, d, singleProducts);
            }
            double[] bound = new double[clusters.size()];
            for (int t = from; t < to; t++) {
                Arrays.fill(bound, 0);
                for (int q = 0; q < planeCount; q++) {
                    int k = planeCluster[q];
                    bound[k] = Math.max(bound[k], values[(t - from) * planeCount + q] - planeOffset[q]);
                }
                nearestSingle(test, t, singleProducts, (t - from) * singles.length, best, bestValue);
                for (int k = 0; k < clusters.size(); k++) {
                    if (hulls[k] != null) {
                        double centre = 0;
                        for (int j = 0; j < d; j++) {
                            double diff = test.data[t * d + j] - hulls[k].mean[j];
                            centre += diff * diff;
                        }
                        bound[k] = Math.max(bound[k], Math.sqrt(centre) - radius[k]);
                    }
                }
                Integer[] sorted = new Integer[multi.length];
                for (int i = 0; i < multi.length; i++) {
                    sorted[i] = multi[i];
                }
                double[] b = bound.clone();
                Arrays.sort(sorted, (x, y) -> Double.compare(b[x], b[y]));
                order[t] = new int[multi.length];
                lower[t] = new double[multi.length];
                for (int i = 0; i < multi.length; i++) {
                    order[t][i] = sorted[i];
                    lower[t][i] = b[sorted[i]];
                }
            }
        });
        boolean[] done = new boolean[n];
        while (true) {
            List<List<Integer>> groups = new ArrayList<>();
            for (int k = 0; k < clusters.size(); k++) {
                groups.add(new ArrayList<>());
            }
            boolean any = false;
            for (int t = 0; t < n; t++) {
                if (done[t] || next[t] >= order[t].length || lower[t][next[t]] >= bestValue[t]) {
                    done[t] = true;
                    continue;
                }
                groups.get(order[t][next[t]]).add(t);
                any = true;
            }
            if (!any) {
                return best;
            }
            // One product per cluster for its group, split so both threads have work.
            List<int[]> tasks = new ArrayList<>();
            for (int k = 0; k < groups.size(); k++) {
                int size = groups.get(k).size();
                for (int from = 0; from < size; from += chunk) {
                    tasks.add(new int[] {k, from, Math.min(size, from + chunk)});
                }
            }
            parallel.forEach(tasks.size(), i -> {
                int[] task = tasks.get(i);
                visit(test, task[0], groups.get(task[0]).subList(task[1], task[2]), order, lower, next, best,
                        bestValue, done);
            });
        }
    }

    /**
     * The nearest single-point cluster: squared distances from the float products, then the exact distance
     * of every point within float error of the smallest (ties go to the lower cluster id).
     */
    private void nearestSingle(PointMatrix test, int t, float[] products, int offset, int[] best,
            double[] bestValue) {
        best[t] = -1;
        bestValue[t] = Double.POSITIVE_INFINITY;
        if (singles.length == 0) {
            return;
        }
        int d = test.dim;
        double norm2 = Dots.dot(test.data, t * d, test.data, t * d, d);
        double[] approximate = new double[singles.length];
        double least = Double.POSITIVE_INFINITY;
        for (int i = 0; i < singles.length; i++) {
            approximate[i] = norm2 + singleNorm2[i] - 2.0 * products[offset + i];
            least = Math.min(least, approximate[i]);
        }
        // Float products of vectors of norm ~15 err by ~1e-4 in the squared distance; 1e-3 of the scale covers it.
        double slack = 1e-3 * (norm2 + 1);
        for (int i = 0; i < singles.length; i++) {
            if (approximate[i] <= least + slack) {
                int k = singles[i];
                double value = Math.sqrt(Dots.squaredDistance(test.data, t * d, train.data, clusters.get(k)[0] * d, d));
                value = value <= stop.tolerance() ? 0 : value;
                if (value < bestValue[t]) {
                    bestValue[t] = value;
                    best[t] = k;
                }
            }
        }
    }

    private void visit(PointMatrix test, int k, List<Integer> group, int[][] order, double[][] lower, int[] next,
            int[] best, double[] bestValue, boolean[] done) {
        ClusterHull hull = hulls[k];
        int d = test.dim;
        int rows = group.size();
        float[] centred = new float[rows * d];
        for (int i = 0; i < rows; i++) {
            int t = group.get(i);
            for (int j = 0; j < d; j++) {
                centred[i * d + j] = (float) (test.data[t * d + j] - hull.mean[j]);
            }
        }
        float[] products = new float[rows * hull.size];
        Dots.multiplyTransposed(centred, rows, hull.zT, hull.size, d, products);
        for (int i = 0; i < rows; i++) {
            int t = group.get(i);
            double[] query = new double[d];
            for (int j = 0; j < d; j++) {
                query[j] = test.data[t * d + j] - hull.mean[j];
            }
            int position = next[t]++;
            double nextLower = position + 1 < order[t].length ? lower[t][position + 1] : Double.POSITIVE_INFINITY;
            HullSolver.Stop bounded = new HullSolver.Stop(stop.tolerance(), stop.relativeGap(), bestValue[t],
                    Math.min(nextLower, bestValue[t]), stop.maxIterations());
            float[] row = Arrays.copyOfRange(products, i * hull.size, (i + 1) * hull.size);
            HullSolver.Result r = counters.solve(new PointHulls(hull, query, row), bounded);
            if (r.outcome() == HullSolver.Outcome.ABOVE) {
                continue;
            }
            double value = r.overlaps() ? 0 : r.upper();
            if (value < bestValue[t]) {
                bestValue[t] = value;
                best[t] = k;
            }
            if (r.outcome() == HullSolver.Outcome.BELOW || r.overlaps()) {
                done[t] = true;
            }
        }
    }
}
