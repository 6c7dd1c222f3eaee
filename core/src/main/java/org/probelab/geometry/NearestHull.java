package org.probelab.geometry;

import java.util.Arrays;
import java.util.List;

/**
 * DirectProbe's prediction: each test point goes to the cluster whose hull is nearest. Batched: per chunk
 * of test points, the products with every cluster's centred members and with every certificate
 * half-space are matrix products; then per point a branch and bound visits clusters by their lower
 * bound (half-spaces, bounding sphere) and solves a point-to-hull problem only while a cluster can still
 * be nearer than the best so far.
 */
final class NearestHull {
    private static final int CHUNK = 256;

    private final PointMatrix train;
    private final List<int[]> clusters;
    private final ClusterHull[] hulls;
    private final double[] radius;
    private final float[] planesT;
    private final int planeCount;
    private final int[] planeCluster;
    private final double[] planeOffset;
    private final HullSolver.Stop stop;
    private final MergeSearch.Counters counters;

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

    /** Nearest cluster per test row into {@code cluster}. */
    void predict(PointMatrix test, int[] cluster, Parallel parallel) {
        int chunks = (test.rows + CHUNK - 1) / CHUNK;
        parallel.forEach(chunks, chunk -> predictChunk(test, chunk * CHUNK, Math.min(test.rows, (chunk + 1) * CHUNK),
                cluster));
    }

    private void predictChunk(PointMatrix test, int from, int to, int[] cluster) {
        int rows = to - from;
        int d = test.dim;
        int c = clusters.size();
        float[] x = Arrays.copyOfRange(test.data, from * d, to * d);
        float[] planeValues = new float[rows * Math.max(1, planeCount)];
        if (planeCount > 0) {
            Dots.multiplyTransposed(x, rows, planesT, planeCount, d, planeValues);
        }
        float[][] products = new float[c][];
        float[] centred = new float[rows * d];
        for (int k = 0; k < c; k++) {
            ClusterHull hull = hulls[k];
            if (hull == null) {
                continue;
            }
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < d; j++) {
                    centred[i * d + j] = (float) (x[i * d + j] - hull.mean[j]);
                }
            }
            products[k] = new float[rows * hull.size];
            Dots.multiplyTransposed(centred, rows, hull.zT, hull.size, d, products[k]);
        }
        double[] lower = new double[c];
        Integer[] order = new Integer[c];
        for (int i = 0; i < rows; i++) {
            int row = from + i;
            Arrays.fill(lower, 0);
            for (int q = 0; q < planeCount; q++) {
                lower[planeCluster[q]] = Math.max(lower[planeCluster[q]], planeValues[i * planeCount + q] - planeOffset[q]);
            }
            int best = -1;
            double bestValue = Double.POSITIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                int[] members = clusters.get(k);
                if (hulls[k] == null) {
                    double value = Math.sqrt(Dots.squaredDistance(test.data, row * d, train.data, members[0] * d, d));
                    value = value <= stop.tolerance() ? 0 : value;
                    if (value < bestValue) {
                        bestValue = value;
                        best = k;
                    }
                    lower[k] = Double.POSITIVE_INFINITY;
                } else {
                    double centre = 0;
                    for (int j = 0; j < d; j++) {
                        double diff = test.data[row * d + j] - hulls[k].mean[j];
                        centre += diff * diff;
                    }
                    centre = Math.sqrt(centre);
                    lower[k] = Math.max(lower[k], centre - radius[k]);
                }
                order[k] = k;
            }
            Arrays.sort(order, (p, q) -> Double.compare(lower[p], lower[q]));
            for (int o = 0; o < c; o++) {
                int k = order[o];
                if (lower[k] >= bestValue) {
                    break;
                }
                double nextLower = o + 1 < c ? lower[order[o + 1]] : Double.POSITIVE_INFINITY;
                ClusterHull hull = hulls[k];
                double[] query = new double[d];
                for (int j = 0; j < d; j++) {
                    query[j] = test.data[row * d + j] - hull.mean[j];
                }
                float[] pointProducts = Arrays.copyOfRange(products[k], i * hull.size, (i + 1) * hull.size);
                HullSolver.Stop bounded = new HullSolver.Stop(stop.tolerance(), stop.relativeGap(), bestValue,
                        Math.min(nextLower, bestValue), stop.maxIterations());
                HullSolver.Result r = counters.solve(new PointHulls(hull, query, pointProducts), bounded);
                if (r.outcome() == HullSolver.Outcome.ABOVE) {
                    continue;
                }
                double value = r.overlaps() ? 0 : r.upper();
                if (value < bestValue) {
                    bestValue = value;
                    best = k;
                }
                if (r.outcome() == HullSolver.Outcome.BELOW || r.overlaps()) {
                    break;
                }
            }
            cluster[row] = best;
        }
    }
}
