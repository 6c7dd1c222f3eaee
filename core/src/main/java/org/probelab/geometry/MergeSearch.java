package org.probelab.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.probelab.Progress;

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
 *       one hull test against the union of the remaining clusters clears them all when it separates;</li>
 *   <li>each cluster keeps the separating hyperplane of its last check; rechecked in double on the merged rows
 *       and the rows of each nearby cluster, it clears every nearby cluster it still separates by more than
 *       the tolerance (a hyperplane separating two point sets separates their hulls), and a merge that it
 *       clears entirely needs no solve (most merges add a point on the right side of it). Only the clusters
 *       left go to the solver; when they are solved one by one, each hyperplane found is tried on the rest
 *       the same way.</li>
 * </ul>
 * The closest pair is found without an n × n distance matrix: each cluster keeps its nearest same-label
 * partner and a heap orders those candidates. When a partner goes, the cluster's next nearest is at least as
 * far as the one that went (every other partner was farther), so unless the merged cluster is nearer still
 * the cluster waits in the heap under that lower bound and scans its label only when the bound comes up: a
 * large cluster absorbing points one by one would otherwise make every point near it rescan at every merge.
 */
final class MergeSearch {
    private final PointMatrix points;
    private final int[] labels;
    private final int labelCount;
    private final boolean[] poisoned;
    private final HullSolver.Stop decision;
    /**
     * The screening of label pairs and obstacles: a pair not certified apart within {@link #SCREENING_ITERATIONS}
     * is taken to constrain, a row to be an obstacle (safe: the labels are then simulated together, the row is
     * checked in every merge near it). At layer 0,
     * with the conflicting rows left out, label hulls nearly touch and a full decision could run to the
     * iteration limit on each such pair.
     */
    private final HullSolver.Stop screening;
    static final long SCREENING_ITERATIONS = 20_000;
    /**
     * Floats of Gram rows a component keeps for its merge checks (128 MiB); rows beyond are recomputed on
     * each use. At EWT layer 0 the checks touch a few thousand distinct rows of a component.
     */
    private static final long COMPONENT_GRAM_FLOATS = 32L << 20;
    /** Hyperplanes whose products with a component's rows are kept (see {@code Simulation.planeProducts}). */
    private static final int PLANES_KEPT = 64;
    private final Counters counters;
    private final Parallel parallel;
    private final Progress progress;
    /** The merges made so far, of at most one per simulated row; set when the simulation starts. */
    private PhaseProgress merges;

    /** Work done, for the result's statistics. */
    static final class Counters {
        final AtomicLong hullSolves = new AtomicLong();
        final AtomicLong undecided = new AtomicLong();
        final AtomicLong gramRows = new AtomicLong();
        final AtomicLong mergesTried = new AtomicLong();
        final AtomicLong mergesRejected = new AtomicLong();
        final AtomicInteger simulatedRows = new AtomicInteger();

        HullSolver.Result solve(Hulls hulls, HullSolver.Stop stop) {
            return solve(hulls, stop, true);
        }

        /** {@code decisive}: a check whose verdict counts, so running out of iterations is reported. */
        HullSolver.Result solve(Hulls hulls, HullSolver.Stop stop, boolean decisive) {
            HullSolver.Result result = HullSolver.solve(hulls, stop);
            hullSolves.incrementAndGet();
            gramRows.addAndGet(hulls.rowsComputed());
            if (decisive && result.outcome() == HullSolver.Outcome.LIMIT) {
                undecided.incrementAndGet();
            }
            return result;
        }
    }

    MergeSearch(PointMatrix points, int[] labels, int labelCount, boolean[] poisoned, HullSolver.Stop decision,
            Counters counters, Parallel parallel, Progress progress) {
        this.points = points;
        this.labels = labels;
        this.labelCount = labelCount;
        this.poisoned = poisoned;
        this.decision = decision;
        this.screening = HullSolver.Stop.decision(decision.tolerance(),
                Math.min(decision.maxIterations(), SCREENING_ITERATIONS));
        this.counters = counters;
        this.parallel = parallel;
        this.progress = progress;
    }

    /** The normal of a hyperplane separating the hulls by more than the tolerance (A on its positive side), or null. */
    private double[] separatingPlane(Hulls hulls) {
        HullSolver.Result result = counters.solve(hulls, decision);
        return result.outcome() == HullSolver.Outcome.SEPARATED ? result.direction() : null;
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
        PhaseProgress screened = new PhaseProgress(progress, "directprobe screening", pairs.size());
        parallel.forEach(pairs.size(), k -> {
            int[] pair = pairs.get(k);
            pairConstrains[k] = counters.solve(new PairHulls(points, rowsOf[pair[0]], rowsOf[pair[1]]), screening,
                    false).outcome() != HullSolver.Outcome.SEPARATED;
            screened.advance(1);
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
        // Components do not interact: simulated side by side, their clusters gathered in component order.
        List<List<Integer>> simulated = new ArrayList<>();
        for (List<Integer> members : components) {
            boolean free = members.size() == 1 && obstacles[members.get(0)].length == 0;
            if (free) {
                result.add(rowsOf[members.get(0)]);
            } else {
                simulated.add(members);
            }
        }
        // A component of r rows over l labels ends with at least l clusters: at most r - l merges.
        long mergeBound = 0;
        for (List<Integer> members : simulated) {
            mergeBound += members.stream().mapToInt(l -> rowsOf[l].length).sum() - members.size();
        }
        merges = new PhaseProgress(progress, "directprobe merges", mergeBound);
        List<List<int[]>> found = new ArrayList<>(Collections.nCopies(simulated.size(), null));
        parallel.forEach(simulated.size(),
                k -> found.set(k, new Simulation(simulated.get(k), rowsOf, constrains, obstacles).run()));
        merges.finish(mergeNote());
        found.forEach(result::addAll);
        return result;
    }

    /**
     * The poisoned rows of other labels within the tolerance of {@code rows}' hull. Identical rows are
     * decided once; their products with the hull's members come from one matrix product.
     */
    private int[] obstacles(int[] rows, int label, int[] poisonedRows) {
        if (rows.length < 2 || poisonedRows.length == 0) {
            return new int[0];
        }
        Map<FloatRow, List<Integer>> distinct = new LinkedHashMap<>();
        for (int x : poisonedRows) {
            if (labels[x] != label) {
                distinct.computeIfAbsent(new FloatRow(points, x), key -> new ArrayList<>()).add(x);
            }
        }
        if (distinct.isEmpty()) {
            return new int[0];
        }
        ClusterHull hull = new ClusterHull(points, rows);
        double radius = radius(hull);
        int d = points.dim;
        List<FloatRow> near = new ArrayList<>();
        for (FloatRow candidate : distinct.keySet()) {
            double centre = 0;
            for (int k = 0; k < d; k++) {
                double v = points.data[candidate.row * d + k] - hull.mean[k];
                centre += v * v;
            }
            if (Math.sqrt(centre) <= radius + decision.tolerance()) {
                near.add(candidate);
            }
        }
        float[] centred = new float[near.size() * d];
        for (int i = 0; i < near.size(); i++) {
            for (int k = 0; k < d; k++) {
                centred[i * d + k] = (float) (points.data[near.get(i).row * d + k] - hull.mean[k]);
            }
        }
        float[] products = new float[near.size() * hull.size];
        Dots.multiplyTransposed(centred, near.size(), hull.zT, hull.size, d, products);
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < near.size(); i++) {
            double[] query = new double[d];
            for (int k = 0; k < d; k++) {
                query[k] = points.data[near.get(i).row * d + k] - hull.mean[k];
            }
            float[] row = Arrays.copyOfRange(products, i * hull.size, (i + 1) * hull.size);
            if (counters.solve(new PointHulls(hull, query, row), screening, false).outcome()
                    != HullSolver.Outcome.SEPARATED) {
                found.addAll(distinct.get(near.get(i)));
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A row of the point matrix compared by content. */
    private static final class FloatRow {
        final int row;
        private final PointMatrix points;
        private final int hash;

        FloatRow(PointMatrix points, int row) {
            this.points = points;
            this.row = row;
            int h = 1;
            for (int k = 0; k < points.dim; k++) {
                h = 31 * h + Float.floatToIntBits(points.data[row * points.dim + k]);
            }
            hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FloatRow other && Arrays.equals(points.data, row * points.dim,
                    (row + 1) * points.dim, other.points.data, other.row * points.dim, (other.row + 1) * points.dim);
        }
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
        /** The component's rows and its obstacles, with their Gram rows shared by all its merge checks. */
        private final ClusterHull component;
        private final Products componentProducts;
        /**
         * The products of the component's rows with the hyperplanes tried last (by identity; NaN where not
         * computed yet): a cluster keeps its hyperplane over many checks, and each check rechecks it on the
         * merged rows and every row of the nearby clusters — mostly the same rows as the check before. At EWT
         * layer 0, 10,000 rows, computed afresh they were a sixth of the merge search's time.
         */
        private final Map<double[], double[]> planeProducts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<double[], double[]> eldest) {
                return size() > PLANES_KEPT;
            }
        };
        /** Each row's index in {@link #component}, -1 for rows outside it. */
        private final int[] componentIndex;
        private final List<int[]> rows = new ArrayList<>();
        private final List<double[]> centroids = new ArrayList<>();
        private final List<Double> radii = new ArrayList<>();
        private final List<Integer> clusterLabel = new ArrayList<>();
        private final List<Boolean> active = new ArrayList<>();
        /** Per cluster, the normal of a hyperplane that separated it from its nearby clusters when last checked. */
        private final List<double[]> planes = new ArrayList<>();
        /** The hyperplane that the last {@link #acceptable} call found, or null. */
        private double[] acceptedPlane;
        /**
         * Per cluster, whether a check of it (or of the larger part it grew from) failed to clear its nearby
         * clusters by one solve against their union. Its checks then go to the per-cluster solves at once: at EWT
         * layer 0 a large cluster of one label keeps growing against a large one of the other, whose union
         * with a few nearby singletons overlaps it on every check while the clusters one by one do not,
         * and the union solve, as dear as the per-cluster one, decided nothing (half the solver time on
         * 5,000 rows). Either way the verdict is the per-cluster one, so the clusters are the same.
         */
        private final List<Boolean> unionOverlaps = new ArrayList<>();
        private final List<List<Integer>> activeOf = new ArrayList<>();
        private final List<Integer> nearest = new ArrayList<>();
        private final List<Double> nearestDistance = new ArrayList<>();
        /** Clusters whose nearest partner is unknown; their nearestDistance is a lower bound on its distance. */
        private final List<Boolean> stale = new ArrayList<>();
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
                    int[] single = {r};
                    add(single, l, centroid(single), 0);
                }
            }
            counters.simulatedRows.addAndGet(rows.size());
            componentIndex = new int[points.rows];
            Arrays.fill(componentIndex, -1);
            int[] componentRows = new int[points.rows];
            int size = 0;
            for (int l : members) {
                for (int r : rowsOf[l]) {
                    componentIndex[r] = size;
                    componentRows[size++] = r;
                }
            }
            for (int l : members) {
                for (int x : obstacles[l]) {
                    if (componentIndex[x] < 0) {
                        componentIndex[x] = size;
                        componentRows[size++] = x;
                    }
                }
            }
            component = new ClusterHull(points, Arrays.copyOf(componentRows, size), COMPONENT_GRAM_FLOATS);
            componentProducts = ComponentPair.componentProducts(component);
        }

        /**
         * The clusters among {@code open} (indices into {@code others}) that the hyperplane normal to
         * {@code normal} does not separate from the rows {@code a} (positive side) by more than the tolerance;
         * products in double. A hyperplane separating two point sets separates their hulls, so each cluster it
         * clears is cleared exactly as a solve would clear it.
         */
        private List<Integer> notSeparated(double[] normal, int[] a, List<int[]> others, List<Integer> open) {
            double norm = Math.sqrt(Dots.dot(normal, normal));
            double[] products = planeProducts.computeIfAbsent(normal, n -> {
                double[] unknown = new double[component.size];
                Arrays.fill(unknown, Double.NaN);
                return unknown;
            });
            double minA = Double.POSITIVE_INFINITY;
            for (int r : a) {
                minA = Math.min(minA, planeProduct(normal, products, r));
            }
            double margin = decision.tolerance() * norm;
            List<Integer> rest = new ArrayList<>();
            for (int k : open) {
                // Separated when minA > maxB + margin, i.e. for every row (rounding is monotone): the first
                // row that fails settles it.
                for (int r : others.get(k)) {
                    if (!(minA > planeProduct(normal, products, r) + margin)) {
                        rest.add(k);
                        break;
                    }
                }
            }
            return rest;
        }

        /** Row {@code r}'s product with {@code normal}, computed once ({@code products}: the plane's, by row). */
        private double planeProduct(double[] normal, double[] products, int r) {
            int i = componentIndex[r];
            double v = products[i];
            if (Double.isNaN(v)) {
                v = Dots.dot(points.data, r * points.dim, normal);
                products[i] = v;
            }
            return v;
        }

        /**
         * The pair problem of two sets of this component's rows whose means are {@code meanA} and {@code meanB}
         * (known to the search, so the solver's start needs no pass over the rows).
         */
        private Hulls pair(int[] a, double[] meanA, int[] b, double[] meanB) {
            double[] towards = new double[points.dim];
            for (int k = 0; k < towards.length; k++) {
                towards[k] = meanA[k] - meanB[k];
            }
            return new ComponentPair(component, componentProducts, indices(a), indices(b), towards, parallel);
        }

        private int[] indices(int[] globalRows) {
            int[] out = new int[globalRows.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = componentIndex[globalRows[k]];
            }
            return out;
        }

        private double[] centroid(int[] clusterRows) {
            double[] centroid = new double[points.dim];
            for (int r : clusterRows) {
                for (int k = 0; k < points.dim; k++) {
                    centroid[k] += points.data[r * points.dim + k];
                }
            }
            for (int k = 0; k < points.dim; k++) {
                centroid[k] /= clusterRows.length;
            }
            return centroid;
        }

        /** The bounding sphere's radius around the centroid. */
        private double radius(double[] centroid, int[] clusterRows) {
            double radius = 0;
            for (int r : clusterRows) {
                radius = Math.max(radius, distanceToRow(centroid, r));
            }
            return radius;
        }

        private int add(int[] clusterRows, int label, double[] centroid, double radius) {
            int id = rows.size();
            rows.add(clusterRows);
            centroids.add(centroid);
            radii.add(radius);
            clusterLabel.add(label);
            active.add(true);
            planes.add(null);
            unionOverlaps.add(false);
            activeOf.get(label).add(id);
            nearest.add(-1);
            nearestDistance.add(Double.POSITIVE_INFINITY);
            stale.add(false);
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
                if (c.stale) {
                    if (active.get(c.from) && stale.get(c.from) && nearestDistance.get(c.from) == c.distance) {
                        rescan(c.from);
                    }
                    continue;
                }
                if (!active.get(c.from) || !active.get(c.to) || stale.get(c.from) || nearest.get(c.from) != c.to
                        || nearestDistance.get(c.from) != c.distance) {
                    continue;
                }
                int i = Math.min(c.from, c.to);
                int j = Math.max(c.from, c.to);
                int label = clusterLabel.get(i);
                int[] merged = union(rows.get(i), rows.get(j));
                double[] centroid = centroid(merged);
                double radius = radius(centroid, merged);
                counters.mergesTried.incrementAndGet();
                int larger = rows.get(i).length >= rows.get(j).length ? i : j;
                double[] previous = planes.get(larger);
                boolean accepted = acceptable(merged, label, centroid, radius, previous, larger);
                if (accepted) {
                    active.set(i, false);
                    active.set(j, false);
                    List<Integer> same = activeOf.get(label);
                    same.remove(Integer.valueOf(i));
                    same.remove(Integer.valueOf(j));
                    int m = add(merged, label, centroid, radius);
                    planes.set(m, acceptedPlane != null ? acceptedPlane : previous);
                    unionOverlaps.set(m, unionOverlaps.get(larger));
                    rescan(m);
                    for (int k : same) {
                        if (k == m) {
                            continue;
                        }
                        int partner = nearest.get(k);
                        double dist = centroidDistance(k, m);
                        if (stale.get(k)) {
                            // every other partner is at least the bound away: m below it is the nearest
                            if (dist < nearestDistance.get(k)) {
                                point(k, m, dist);
                            }
                        } else if (partner == i || partner == j) {
                            if (before(dist, first(k), first(m), nearestDistance.get(k), first(k), first(partner))) {
                                point(k, m, dist);
                            } else {
                                defer(k, nearestDistance.get(k));
                            }
                        } else if (partner < 0 || before(dist, first(k), first(m), nearestDistance.get(k), first(k),
                                first(partner))) {
                            point(k, m, dist);
                        }
                    }
                } else {
                    counters.mergesRejected.incrementAndGet();
                    rejected.add(key(i, j));
                    rescan(i);
                    rescan(j);
                }
                merges.advance(accepted ? 1 : 0, mergeNote());
            }
            counters.gramRows.addAndGet(component.rowsComputed());
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
            stale.set(k, false);
            if (partner >= 0) {
                queue.add(new Candidate(dist, k, partner, first(k), first(partner), false));
            }
        }

        /** Cluster {@code k}'s nearest partner is unknown but at least {@code bound} away: scan when it comes up. */
        private void defer(int k, double bound) {
            nearest.set(k, -1);
            nearestDistance.set(k, bound);
            stale.set(k, true);
            queue.add(new Candidate(bound, k, -1, first(k), -1, true));
        }

        /**
         * The merged cluster's hull comes within the tolerance of no other-label cluster or obstacle;
         * {@code previous} is a hyperplane to try first (may be null), {@code larger} the merge's larger part.
         * Sets {@link #acceptedPlane}.
         */
        private boolean acceptable(int[] merged, int label, double[] centroid, double radius, double[] previous,
                int larger) {
            acceptedPlane = null;
            List<int[]> near = new ArrayList<>();
            List<double[]> nearCentroid = new ArrayList<>();
            List<Double> nearDistance = new ArrayList<>();
            for (int x : obstacles[label]) {
                double dist = distanceToRow(centroid, x);
                if (dist <= radius + decision.tolerance()) {
                    near.add(new int[] {x});
                    nearCentroid.add(centroid(new int[] {x}));
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
                        nearCentroid.add(cc);
                        nearDistance.add(dist);
                    }
                }
            }
            if (near.isEmpty()) {
                return true;
            }
            List<Integer> open = new ArrayList<>();
            for (int k = 0; k < near.size(); k++) {
                open.add(k);
            }
            if (previous != null) {
                open = notSeparated(previous, merged, near, open);
                if (open.isEmpty()) {
                    acceptedPlane = previous;
                    return true;
                }
            }
            if (open.size() > 1 && !unionOverlaps.get(larger)) {
                int total = open.stream().mapToInt(k -> near.get(k).length).sum();
                int[] all = new int[total];
                double[] mean = new double[points.dim];
                int at = 0;
                for (int k : open) {
                    int[] members = near.get(k);
                    System.arraycopy(members, 0, all, at, members.length);
                    at += members.length;
                    double[] c = nearCentroid.get(k);
                    for (int d = 0; d < mean.length; d++) {
                        mean[d] += c[d] * members.length / total;
                    }
                }
                acceptedPlane = separatingPlane(pair(merged, centroid, all, mean));
                if (acceptedPlane != null) {
                    return true;
                }
                unionOverlaps.set(larger, true);
            } else if (open.size() == 1) {
                int k = open.get(0);
                acceptedPlane = separatingPlane(pair(merged, centroid, near.get(k), nearCentroid.get(k)));
                return acceptedPlane != null;
            }
            // One by one, nearest first; each hyperplane found may clear the clusters still open.
            open.sort((x, y) -> Double.compare(nearDistance.get(x), nearDistance.get(y)));
            while (!open.isEmpty()) {
                int k = open.remove(0);
                double[] plane = separatingPlane(pair(merged, centroid, near.get(k), nearCentroid.get(k)));
                if (plane == null) {
                    return false;
                }
                if (!open.isEmpty()) {
                    open = notSeparated(plane, merged, near, open);
                }
            }
            return true;
        }
    }

    private String mergeNote() {
        return "tried " + counters.mergesTried.get() + ", refused " + counters.mergesRejected.get();
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

    /**
     * Cluster {@code from}'s nearest partner {@code to}; {@code fromRow}, {@code toRow} their smallest rows. A
     * stale candidate has no partner yet, only a lower bound on its distance; it comes before any pair at that
     * distance, so its scan runs before a pair it might precede is merged.
     */
    private record Candidate(double distance, int from, int to, int fromRow, int toRow, boolean stale)
            implements Comparable<Candidate> {
        @Override
        public int compareTo(Candidate o) {
            if (distance == o.distance && stale != o.stale) {
                return stale ? -1 : 1;
            }
            if (stale || o.stale) {
                return distance != o.distance ? Double.compare(distance, o.distance) : Integer.compare(from, o.from);
            }
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
