package org.probelab.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.types.TFloat32;

/**
 * DirectProbe's prediction: each test point goes to the cluster whose hull is nearest.
 *
 * <p>A branch and bound over clusters, in rounds. Every cluster has lower bounds on a point's distance
 * to its hull: the certificate half-spaces found while measuring cluster distances (one matrix product
 * of the test points with all their normals) and the bounding sphere; single-point clusters are measured
 * exactly at once. Each round, every unfinished point takes its next cluster in order of lower bound;
 * the points are grouped by that cluster and their products with its centred members come from one
 * matrix product per cluster (TensorFlow's); those products bound the distance once more (see
 * {@link #reachBound}), and only a cluster that bound cannot rule out gets a point-to-hull solve, which
 * stops as soon as the hull is certified farther than the best so far, or nearer than every remaining
 * lower bound (the point is done). In 768 dimensions test points lie outside every hull and the cheap
 * bounds are weak, so most points visit most clusters: the products and the solves are the cost.
 */
final class NearestHull implements AutoCloseable {
    /** The relative gap of the first pass: enough to settle the argmin of almost every row. */
    static final double COARSE_GAP = 1e-2;

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
    /** Products of test points with the members of a cluster, by TensorFlow; each cluster's members as a tensor. */
    private final ChunkProducts rowProducts = new ChunkProducts();
    private final TFloat32[] members;

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
        members = new TFloat32[clusters.size()];
        for (int c = 0; c < clusters.size(); c++) {
            if (hulls[c] != null) {
                members[c] = ChunkProducts.operand(hulls[c].z, hulls[c].size, d);
            }
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

    /**
     * The nearest cluster of every test row. Only the argmin matters, so a first pass solves to a coarse gap
     * ({@link #COARSE_GAP}); a row is settled when its winner's upper bound is at or below every other
     * cluster's lower bound. The few rows where a runner-up's interval still reaches below the winner's
     * upper bound are solved again to the options' gap.
     */
    int[] predict(PointMatrix test, Parallel parallel, PhaseProgress settled) {
        if (stop.relativeGap() >= COARSE_GAP) {
            int[] best = new Pass(test, stop).run(parallel, settled).best;
            settled.finish("");
            return best;
        }
        Pass coarse = new Pass(test, new HullSolver.Stop(stop.tolerance(), COARSE_GAP, stop.above(), stop.below(),
                stop.maxIterations())).run(parallel, settled);
        int[] unsure = java.util.stream.IntStream.range(0, test.rows)
                .filter(t -> coarse.contested[t] < coarse.bestValue[t]).toArray();
        if (unsure.length > 0) {
            Pass exact = new Pass(test.select(unsure), stop).run(parallel, null);
            for (int i = 0; i < unsure.length; i++) {
                coarse.best[unsure[i]] = exact.best[i];
            }
        }
        settled.finish("");
        return coarse.best;
    }

    /** One branch and bound over all clusters for the rows of {@code test}, solving to {@code stop}'s gap. */
    private final class Pass {
        private final PointMatrix test;
        private final HullSolver.Stop stop;
        private final int n;
        private final int[][] order;
        private final double[][] lower;
        private final int[] next;
        final int[] best;
        /** The winner's upper bound so far. */
        final double[] bestValue;
        /** The winner's lower bound so far. */
        private final double[] bestLower;
        /** The smallest lower bound of a solved cluster that is not the winner: below bestValue, unsure. */
        final double[] contested;
        private final boolean[] done;

        Pass(PointMatrix test, HullSolver.Stop stop) {
            this.test = test;
            this.stop = stop;
            n = test.rows;
            order = new int[n][];
            lower = new double[n][];
            next = new int[n];
            best = new int[n];
            bestValue = new double[n];
            bestLower = new double[n];
            contested = new double[n];
            done = new boolean[n];
            Arrays.fill(contested, Double.POSITIVE_INFINITY);
        }

        /** {@code settled}, when given, hears how many rows are settled after each round. */
        Pass run(Parallel parallel, PhaseProgress settled) {
            int d = test.dim;
            int[] multi = java.util.stream.IntStream.range(0, clusters.size()).filter(c -> hulls[c] != null).toArray();
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
                    bestLower[t] = bestValue[t];
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
            while (true) {
                List<List<Integer>> groups = new ArrayList<>();
                for (int k = 0; k < clusters.size(); k++) {
                    groups.add(new ArrayList<>());
                }
                boolean any = false;
                int finished = 0;
                for (int t = 0; t < n; t++) {
                    if (done[t] || next[t] >= order[t].length || lower[t][next[t]] >= bestValue[t]) {
                        done[t] = true;
                        finished++;
                        continue;
                    }
                    groups.get(order[t][next[t]]).add(t);
                    any = true;
                }
                if (settled != null) {
                    settled.reach(finished);
                }
                if (!any) {
                    return this;
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
                    visit(task[0], groups.get(task[0]).subList(task[1], task[2]));
                });
            }
        }

        private void visit(int k, List<Integer> group) {
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
            rowProducts.multiply(centred, rows, d, members[k], products);
            for (int i = 0; i < rows; i++) {
                int t = group.get(i);
                double[] query = new double[d];
                for (int j = 0; j < d; j++) {
                    query[j] = test.data[t * d + j] - hull.mean[j];
                }
                int position = next[t]++;
                if (reachBound(query, products, i * hull.size, hull.size, radius[k]) >= bestValue[t]) {
                    continue;
                }
                double nextLower = position + 1 < order[t].length ? lower[t][position + 1] : Double.POSITIVE_INFINITY;
                HullSolver.Stop bounded = new HullSolver.Stop(stop.tolerance(), stop.relativeGap(), bestValue[t],
                        Math.min(nextLower, bestValue[t]), stop.maxIterations());
                float[] row = Arrays.copyOfRange(products, i * hull.size, (i + 1) * hull.size);
                HullSolver.Result r = counters.solve(new PointHulls(hull, query, row), bounded);
                if (r.outcome() == HullSolver.Outcome.ABOVE) {
                    continue;
                }
                double value = r.overlaps() ? 0 : r.upper();
                double bound = r.overlaps() ? 0 : Math.max(0, r.lower());
                if (value < bestValue[t]) {
                    if (best[t] >= 0) {
                        contested[t] = Math.min(contested[t], bestLower[t]);
                    }
                    bestValue[t] = value;
                    bestLower[t] = bound;
                    best[t] = k;
                } else {
                    contested[t] = Math.min(contested[t], bound);
                }
                if (r.outcome() == HullSolver.Outcome.BELOW || r.overlaps()) {
                    done[t] = true;
                }
            }
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

    /**
     * A lower bound on the distance from the centred query {@code q} to the hull from the products it already
     * has: along {@code q/|q|} the hull reaches no further than its furthest member, so the distance is at least
     * {@code (|q|² − max_i q·z_i) / |q|}; less the float error of the products (relative 1e-4 of |z| ≤ radius).
     */
    private static double reachBound(double[] query, float[] products, int offset, int size, double radius) {
        double norm = Math.sqrt(Dots.dot(query, query));
        if (norm == 0) {
            return 0;
        }
        double reach = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < size; j++) {
            reach = Math.max(reach, products[offset + j]);
        }
        return (norm * norm - reach) / norm - 1e-4 * (radius + 1);
    }

    @Override
    public void close() {
        for (TFloat32 tensor : members) {
            if (tensor != null) {
                tensor.close();
            }
        }
        rowProducts.close();
    }
}
