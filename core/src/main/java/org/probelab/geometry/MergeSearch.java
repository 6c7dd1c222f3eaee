package org.probelab.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DirectProbe's clustering (Zhou &amp; Srikumar 2021): every point starts as its own cluster; the closest pair
 * of same-label clusters (by centroid distance, globally) is merged if the merged hull overlaps no cluster
 * of another label, else that pair is never tried again; until no pair is left.
 *
 * <p>The same clusters as checking every merge against every cluster, with three exact shortcuts:
 * <ul>
 *   <li>a row within the tolerance of a row of another label ("poisoned") can never join a merge: any
 *       hull containing it overlaps the cluster holding its twin; it stays a singleton and the pairs with
 *       it are never queued;</li>
 *   <li>a merged cluster lies inside its label's hull of mergeable rows, so the labels whose such hulls
 *       are separated (certificate margin above the tolerance) never constrain each other. Labels split
 *       into components of mutually constraining labels, simulated independently (their merge orders do
 *       not interact); a label constrained by nothing ends as one cluster whatever the order;</li>
 *   <li>in a check, clusters whose bounding spheres are further apart than the tolerance are skipped, and
 *       one hull test against the union of the remaining clusters clears them all when it separates.</li>
 * </ul>
 * The closest pair is found without an n × n distance matrix: each cluster keeps its nearest same-label
 * partner, refreshed by a scan of its label when that partner goes; a heap orders those candidates.
 */
final class MergeSearch {
    private final PointMatrix points;
    private final int[] labels;
    private final int labelCount;
    private final boolean[] poisoned;
    private final HullSolver.Stop decision;
    private final Counters counters;
    private final Parallel parallel;

    /** Work done, for the result's statistics. */
    static final class Counters {
        final AtomicLong hullSolves = new AtomicLong();
        final AtomicLong undecided = new AtomicLong();
        final AtomicLong gramRows = new AtomicLong();
        long mergesTried;
        long mergesRejected;
        int simulatedRows;

        HullSolver.Result solve(Hulls hulls, HullSolver.Stop stop) {
            HullSolver.Result result = HullSolver.solve(hulls, stop);
            hullSolves.incrementAndGet();
            gramRows.addAndGet(hulls.rowsComputed());
            if (result.outcome() == HullSolver.Outcome.LIMIT) {
                undecided.incrementAndGet();
            }
            return result;
        }
    }

    MergeSearch(PointMatrix points, int[] labels, int labelCount, boolean[] poisoned, HullSolver.Stop decision,
            Counters counters, Parallel parallel) {
        this.points = points;
        this.labels = labels;
        this.labelCount = labelCount;
        this.poisoned = poisoned;
        this.decision = decision;
        this.counters = counters;
        this.parallel = parallel;
    }

    /** A separation certificate above the tolerance; anything else (overlap, undecided) blocks a merge. */
    private boolean separated(Hulls hulls) {
        return counters.solve(hulls, decision).outcome() == HullSolver.Outcome.SEPARATED;
    }

    /** The final clusters as row lists (ascending rows inside each). */
    List<int[]> run() {
        List<List<Integer>> mergeable = new ArrayList<>();
        List<int[]> result = new ArrayList<>();
        for (int l = 0; l < labelCount; l++) {
            mergeable.add(new ArrayList<>());
        }
        for (int i = 0; i < points.rows; i++) {
            if (poisoned[i]) {
                result.add(new int[] {i});
            } else {
                mergeable.get(labels[i]).add(i);
            }
        }
        int[][] rowsOf = new int[labelCount][];
        for (int l = 0; l < labelCount; l++) {
            rowsOf[l] = mergeable.get(l).stream().mapToInt(Integer::intValue).toArray();
        }

        // Which labels constrain each other: their mergeable hulls come within the tolerance.
        boolean[][] constrains = new boolean[labelCount][labelCount];
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < labelCount; a++) {
            for (int b = a + 1; b < labelCount; b++) {
                if (rowsOf[a].length > 0 && rowsOf[b].length > 0 && rowsOf[a].length + rowsOf[b].length > 2) {
                    pairs.add(new int[] {a, b});
                }
            }
        }
        boolean[] pairConstrains = new boolean[pairs.size()];
        parallel.forEach(pairs.size(), k -> {
            int[] pair = pairs.get(k);
            pairConstrains[k] = !separated(new PairHulls(points, rowsOf[pair[0]], rowsOf[pair[1]]));
        });
        for (int k = 0; k < pairs.size(); k++) {
            if (pairConstrains[k]) {
                int[] pair = pairs.get(k);
                constrains[pair[0]][pair[1]] = true;
                constrains[pair[1]][pair[0]] = true;
            }
        }

        // Poisoned rows of other labels that come within the tolerance of a label's mergeable hull.
        int[] poisonedRows = java.util.stream.IntStream.range(0, points.rows).filter(i -> poisoned[i]).toArray();
        int[][] obstacles = new int[labelCount][];
        parallel.forEach(labelCount, l -> obstacles[l] = obstacles(rowsOf[l], l, poisonedRows));

        // Components of constraining labels; a free label collapses to one cluster.
        int[] component = new int[labelCount];
        Arrays.fill(component, -1);
        List<List<Integer>> components = new ArrayList<>();
        for (int l = 0; l < labelCount; l++) {
            if (rowsOf[l].length == 0 || component[l] >= 0) {
                continue;
            }
            List<Integer> members = new ArrayList<>();
            List<Integer> stack = new ArrayList<>(List.of(l));
            component[l] = components.size();
            while (!stack.isEmpty()) {
                int a = stack.remove(stack.size() - 1);
                members.add(a);
                for (int b = 0; b < labelCount; b++) {
                    if (constrains[a][b] && component[b] < 0) {
                        component[b] = components.size();
                        stack.add(b);
                    }
                }
            }
            components.add(members);
        }
        for (List<Integer> members : components) {
            boolean free = members.size() == 1 && obstacles[members.get(0)].length == 0;
            if (free) {
                result.add(rowsOf[members.get(0)]);
            } else {
                result.addAll(new Simulation(members, rowsOf, constrains, obstacles).run());
            }
        }
        return result;
    }

    private int[] obstacles(int[] rows, int label, int[] poisonedRows) {
        if (rows.length < 2 || poisonedRows.length == 0) {
            return new int[0];
        }
        ClusterHull hull = new ClusterHull(points, rows);
        double radius = radius(hull);
        List<Integer> found = new ArrayList<>();
        for (int x : poisonedRows) {
            if (labels[x] == label) {
                continue;
            }
            double[] query = new double[points.dim];
            double centre = 0;
            for (int k = 0; k < points.dim; k++) {
                query[k] = points.data[x * points.dim + k] - hull.mean[k];
                centre += query[k] * query[k];
            }
            if (Math.sqrt(centre) > radius + decision.tolerance()) {
                continue;
            }
            float[] products = new float[hull.size];
            for (int i = 0; i < hull.size; i++) {
                products[i] = (float) Dots.dot(hull.z, i * points.dim, query);
            }
            if (!separated(new PointHulls(hull, query, products))) {
                found.add(x);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double radius(ClusterHull hull) {
        double max = 0;
        for (double d2 : hull.diagonal) {
            max = Math.max(max, d2);
        }
        return Math.sqrt(max);
    }

    /** The greedy merging of one component of mutually constraining labels. */
    private final class Simulation {
        private final List<Integer> members;
        private final boolean[][] constrains;
        private final int[][] obstacles;
        private final List<int[]> rows = new ArrayList<>();
        private final List<double[]> centroids = new ArrayList<>();
        private final List<Double> radii = new ArrayList<>();
        private final List<Integer> clusterLabel = new ArrayList<>();
        private final List<Boolean> active = new ArrayList<>();
        private final List<List<Integer>> activeOf = new ArrayList<>();
        private final List<Integer> nearest = new ArrayList<>();
        private final List<Double> nearestDistance = new ArrayList<>();
        private final Set<Long> rejected = new HashSet<>();
        private final PriorityQueue<Candidate> queue = new PriorityQueue<>();

        Simulation(List<Integer> members, int[][] rowsOf, boolean[][] constrains, int[][] obstacles) {
            this.members = members;
            this.constrains = constrains;
            this.obstacles = obstacles;
            for (int l = 0; l < labelCount; l++) {
                activeOf.add(new ArrayList<>());
            }
            for (int l : members) {
                for (int r : rowsOf[l]) {
                    add(new int[] {r}, l);
                }
            }
            counters.simulatedRows += rows.size();
        }

        private int add(int[] clusterRows, int label) {
            int id = rows.size();
            double[] centroid = new double[points.dim];
            for (int r : clusterRows) {
                for (int k = 0; k < points.dim; k++) {
                    centroid[k] += points.data[r * points.dim + k];
                }
            }
            for (int k = 0; k < points.dim; k++) {
                centroid[k] /= clusterRows.length;
            }
            double radius = 0;
            for (int r : clusterRows) {
                radius = Math.max(radius, distanceToRow(centroid, r));
            }
            rows.add(clusterRows);
            centroids.add(centroid);
            radii.add(radius);
            clusterLabel.add(label);
            active.add(true);
            activeOf.get(label).add(id);
            nearest.add(-1);
            nearestDistance.add(Double.POSITIVE_INFINITY);
            return id;
        }

        private double distanceToRow(double[] centroid, int r) {
            double sum = 0;
            int off = r * points.dim;
            for (int k = 0; k < points.dim; k++) {
                double x = points.data[off + k] - centroid[k];
                sum += x * x;
            }
            return Math.sqrt(sum);
        }

        private double centroidDistance(int i, int j) {
            double[] a = centroids.get(i);
            double[] b = centroids.get(j);
            double sum = 0;
            for (int k = 0; k < a.length; k++) {
                double x = a[k] - b[k];
                sum += x * x;
            }
            return Math.sqrt(sum);
        }

        List<int[]> run() {
            for (int l : members) {
                for (int i : activeOf.get(l)) {
                    rescan(i);
                }
            }
            while (!queue.isEmpty()) {
                Candidate c = queue.poll();
                if (!active.get(c.from) || !active.get(c.to) || nearest.get(c.from) != c.to
                        || nearestDistance.get(c.from) != c.distance) {
                    continue;
                }
                int i = Math.min(c.from, c.to);
                int j = Math.max(c.from, c.to);
                int label = clusterLabel.get(i);
                int[] merged = union(rows.get(i), rows.get(j));
                counters.mergesTried++;
                if (acceptable(merged, label)) {
                    active.set(i, false);
                    active.set(j, false);
                    List<Integer> same = activeOf.get(label);
                    same.remove(Integer.valueOf(i));
                    same.remove(Integer.valueOf(j));
                    int m = add(merged, label);
                    rescan(m);
                    for (int k : same) {
                        if (k == m) {
                            continue;
                        }
                        int partner = nearest.get(k);
                        if (partner == i || partner == j) {
                            rescan(k);
                        } else {
                            double dist = centroidDistance(k, m);
                            if (partner < 0 || before(dist, first(k), first(m), nearestDistance.get(k), first(k),
                                    first(partner))) {
                                point(k, m, dist);
                            }
                        }
                    }
                } else {
                    counters.mergesRejected++;
                    rejected.add(key(i, j));
                    rescan(i);
                    rescan(j);
                }
            }
            List<int[]> out = new ArrayList<>();
            for (int l : members) {
                for (int id : activeOf.get(l)) {
                    out.add(rows.get(id));
                }
            }
            return out;
        }

        /** Points cluster {@code k} at its nearest same-label partner not rejected with it. */
        private void rescan(int k) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int other : activeOf.get(clusterLabel.get(k))) {
                if (other == k || rejected.contains(key(k, other))) {
                    continue;
                }
                double dist = centroidDistance(k, other);
                if (best < 0 || before(dist, first(k), first(other), bestDistance, first(k), first(best))) {
                    best = other;
                    bestDistance = dist;
                }
            }
            point(k, best, bestDistance);
        }

        /** A cluster's smallest row: identifies it by content, so ties break the same in any implementation. */
        private int first(int k) {
            return rows.get(k)[0];
        }

        private void point(int k, int partner, double dist) {
            nearest.set(k, partner);
            nearestDistance.set(k, dist);
            if (partner >= 0) {
                queue.add(new Candidate(dist, k, partner, first(k), first(partner)));
            }
        }

        /** The merged cluster's hull comes within the tolerance of no other-label cluster or obstacle. */
        private boolean acceptable(int[] merged, int label) {
            double[] centroid = new double[points.dim];
            for (int r : merged) {
                for (int k = 0; k < points.dim; k++) {
                    centroid[k] += points.data[r * points.dim + k];
                }
            }
            for (int k = 0; k < points.dim; k++) {
                centroid[k] /= merged.length;
            }
            double radius = 0;
            for (int r : merged) {
                radius = Math.max(radius, distanceToRow(centroid, r));
            }
            List<int[]> near = new ArrayList<>();
            List<Double> nearDistance = new ArrayList<>();
            for (int x : obstacles[label]) {
                double dist = distanceToRow(centroid, x);
                if (dist <= radius + decision.tolerance()) {
                    near.add(new int[] {x});
                    nearDistance.add(dist);
                }
            }
            for (int other : members) {
                if (!constrains[label][other]) {
                    continue;
                }
                for (int c : activeOf.get(other)) {
                    double dist = 0;
                    double[] cc = centroids.get(c);
                    for (int k = 0; k < points.dim; k++) {
                        double x = centroid[k] - cc[k];
                        dist += x * x;
                    }
                    dist = Math.sqrt(dist);
                    if (dist <= radius + radii.get(c) + decision.tolerance()) {
                        near.add(rows.get(c));
                        nearDistance.add(dist);
                    }
                }
            }
            if (near.isEmpty()) {
                return true;
            }
            if (near.size() > 1) {
                int total = near.stream().mapToInt(r -> r.length).sum();
                int[] all = new int[total];
                int at = 0;
                for (int[] r : near) {
                    System.arraycopy(r, 0, all, at, r.length);
                    at += r.length;
                }
                if (separated(new PairHulls(points, merged, all))) {
                    return true;
                }
            }
            Integer[] order = new Integer[near.size()];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (x, y) -> Double.compare(nearDistance.get(x), nearDistance.get(y)));
            for (int k : order) {
                if (!separated(new PairHulls(points, merged, near.get(k)))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static int[] union(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            out[k++] = a[i] < b[j] ? a[i++] : b[j++];
        }
        while (i < a.length) {
            out[k++] = a[i++];
        }
        while (j < b.length) {
            out[k++] = b[j++];
        }
        return out;
    }

    private static long key(int i, int j) {
        return ((long) Math.min(i, j) << 32) | Math.max(i, j);
    }

    /**
     * The merge order: centroid distance, then the smaller, then the larger of the two clusters' smallest
     * rows (ties only arise between duplicates).
     */
    static boolean before(double d1, int a1, int b1, double d2, int a2, int b2) {
        if (d1 != d2) {
            return d1 < d2;
        }
        int lo1 = Math.min(a1, b1);
        int lo2 = Math.min(a2, b2);
        if (lo1 != lo2) {
            return lo1 < lo2;
        }
        return Math.max(a1, b1) < Math.max(a2, b2);
    }

    /** Cluster {@code from}'s nearest partner {@code to}; {@code fromRow}, {@code toRow} their smallest rows. */
    private record Candidate(double distance, int from, int to, int fromRow, int toRow)
            implements Comparable<Candidate> {
        @Override
        public int compareTo(Candidate o) {
            if (before(distance, fromRow, toRow, o.distance, o.fromRow, o.toRow)) {
                return -1;
            }
            if (before(o.distance, o.fromRow, o.toRow, distance, fromRow, toRow)) {
                return 1;
            }
            return Integer.compare(from, o.from);
        }
    }
}
