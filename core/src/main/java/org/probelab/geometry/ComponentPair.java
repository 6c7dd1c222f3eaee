package org.probelab.geometry;

import java.util.Arrays;

/**
 * Two sets of rows of one {@link ClusterHull} (the rows of a component of the merge search) as a hull pair:
 * A rows as they are, B rows negated, all centred on the component's mean. Its Gram rows are gathered from the
 * component's, which are computed once and shared by every merge check of the component: the checks of a
 * component keep meeting the same boundary points of the same large clusters, and building each pair problem
 * afresh (copying, centring and transposing both clusters, then a product over all their rows per Gram row)
 * was most of the merge search's time at EWT layer 0. Scores and the solver's bounds use the centred rows in
 * double, as {@link PairHulls} does; the centre cancels out of every distance.
 */
final class ComponentPair extends Hulls {
    /** Support sizes whose scores come from their Gram rows (see {@link #refreshScores}). */
    private static final int START_POINTS = 2;
    /** Refreshes by the component's rows before the pair's own are gathered (see {@link #refreshScores}). */
    private static final int GATHER_AFTER = 2;
    /**
     * Score passes of at least this many products are split in two on the run's threads: at EWT layer 0 the
     * last component of the merge search runs alone for most of the search, and the other thread idles.
     */
    private static final long SPLIT_PRODUCTS = 1 << 19;
    private final ClusterHull component;
    /** Products of the component's rows, shared by its checks. */
    private final Products products;
    /** The component row of each point, A rows first. */
    private final int[] index;
    private final RowCache cache;
    private final double[] towards;
    /** The pair's rows dimension-major (unsigned), gathered when first needed (see {@link #refreshScores}). */
    private float[] zT;
    private int refreshes;
    private final Parallel parallel;

    /**
     * {@code a} and {@code b}: indices of rows of {@code component}; {@code products}: of the component's
     * rows ({@link #componentProducts}).
     */
    ComponentPair(ClusterHull component, Products products, int[] a, int[] b) {
        this(component, products, a, b, null, null);
    }

    /**
     * {@code towards}: the mean of the A rows minus the mean of the B rows (the caller's cluster centroids),
     * so that the start points need no pass over the rows to find it; null to compute it. {@code parallel}:
     * the run's threads, on which large score passes are split (null: in the caller's thread).
     */
    ComponentPair(ClusterHull component, Products products, int[] a, int[] b, double[] towards, Parallel parallel) {
        super(a.length + b.length, a.length, component.dim);
        this.component = component;
        this.towards = towards;
        this.parallel = parallel;
        this.products = products;
        index = new int[size];
        System.arraycopy(a, 0, index, 0, a.length);
        System.arraycopy(b, 0, index, a.length, b.length);
        cache = new RowCache(size);
    }

    private double sign(int i) {
        return i < sizeA ? 1 : -1;
    }

    @Override
    float[] row(int i) {
        float[] row = cache.get(i);
        if (row == null) {
            float[] full = component.row(index[i]);
            row = new float[size];
            for (int j = 0; j < sizeA; j++) {
                row[j] = full[index[j]];
            }
            for (int j = sizeA; j < size; j++) {
                row[j] = -full[index[j]];
            }
            if (i >= sizeA) {
                for (int j = 0; j < size; j++) {
                    row[j] = -row[j];
                }
            }
            cache.put(i, row);
        }
        return row;
    }

    @Override
    double diagonal(int i) {
        return component.diagonal[index[i]];
    }

    @Override
    void addTo(double[] p, int i, double coefficient) {
        int off = index[i] * dim;
        double c = sign(i) * coefficient;
        float[] z = component.z;
        for (int k = 0; k < dim; k++) {
            p[k] += c * z[off + k];
        }
    }

    @Override
    double score(int i, double[] p) {
        return sign(i) * Dots.dot(component.z, index[i] * dim, p);
    }

    @Override
    double squaredDistance(int i, int j) {
        if ((i < sizeA) == (j < sizeA)) {
            return Dots.squaredDistance(component.z, index[i] * dim, component.z, index[j] * dim, dim);
        }
        // z_i − z_j = y_i + y_j for points on opposite sides
        int oi = index[i] * dim;
        int oj = index[j] * dim;
        float[] z = component.z;
        double sum = 0;
        for (int k = 0; k < dim; k++) {
            double v = (double) z[oi + k] + z[oj + k];
            sum += v * v;
        }
        return sum;
    }

    /**
     * Float products with {@code p} (rounded to float), each a vectorised product with dimension-major rows:
     * the whole component's when the pair holds a good part of it (in the first calls of a solve), else the
     * pair's own rows, gathered dimension-major once; at the start, the two start points' Gram rows. The exact
     * pass in double ({@code dim} products per row, which the JIT does not vectorise) was a quarter of the merge
     * search's time at 10,000 rows of EWT layer 0 when every refresh took it, and a float dot per row as much
     * again.
     */
    @Override
    void refreshScores(double[] p, double[] weight, int[] support, int count, double[] out) {
        if (support != null && count <= START_POINTS) {
            // p = Σ weight_i z_i over so few points (the start) that their Gram rows, gathered from the
            // component's and needed by the first transfers anyway, give the scores at once.
            Arrays.fill(out, 0, size, 0);
            for (int k = 0; k < count; k++) {
                float[] row = row(support[k]);
                double w = weight[support[k]];
                for (int j = 0; j < size; j++) {
                    out[j] += w * row[j];
                }
            }
            return;
        }
        float[] direction = new float[dim];
        for (int k = 0; k < dim; k++) {
            direction[k] = (float) p[k];
        }
        // The component's rows need no gathering; the pair's own, gathered once, pay off in a long solve.
        if (++refreshes <= GATHER_AFTER && 2L * size >= component.size) {
            float[] all = new float[component.size];
            product(direction, component.zT, component.size, all);
            for (int i = 0; i < size; i++) {
                out[i] = sign(i) * all[index[i]];
            }
            return;
        }
        if (zT == null) {
            zT = new float[size * dim];
            for (int k = 0; k < dim; k++) {
                int from = k * component.size;
                int to = k * size;
                for (int i = 0; i < size; i++) {
                    zT[to + i] = component.zT[from + index[i]];
                }
            }
        }
        float[] scores = new float[size];
        product(direction, zT, size, scores);
        for (int i = 0; i < size; i++) {
            out[i] = sign(i) * scores[i];
        }
    }

    /** {@code out = direction · columns} of a dimension-major block of {@code m} columns, split when large. */
    private void product(float[] direction, float[] columnsT, int m, float[] out) {
        if (parallel == null || (long) m * dim < SPLIT_PRODUCTS) {
            Dots.multiplyVector(direction, 0, columnsT, m, dim, out);
            return;
        }
        int half = m / 2;
        parallel.split(2, part -> Dots.multiplyVector(direction, 0, columnsT, m, dim, out, part == 0 ? 0 : half,
                part == 0 ? half : m));
    }

    /** Exact scores, as {@link Hulls#scores}; a large pass split on the run's threads. */
    @Override
    void scores(double[] p, double[] weight, int[] support, int count, double[] out) {
        if (parallel == null || (long) size * dim < SPLIT_PRODUCTS) {
            super.scores(p, weight, support, count, out);
            return;
        }
        int half = size / 2;
        parallel.split(2, part -> {
            for (int i = part == 0 ? 0 : half; i < (part == 0 ? half : size); i++) {
                out[i] = score(i, p);
            }
        });
    }

    /** As {@link Hulls#start}, from the given direction and float scores (any start points are valid). */
    @Override
    int[] start() {
        if (towards == null) {
            return super.start();
        }
        double[] s = new double[size];
        refreshScores(towards, null, null, 0, s);
        int bestA = 0;
        for (int i = 1; i < sizeA; i++) {
            bestA = s[i] < s[bestA] ? i : bestA;
        }
        int bestB = sizeA;
        for (int i = sizeA + 1; i < size; i++) {
            bestB = s[i] < s[bestB] ? i : bestB;
        }
        return new int[] {bestA, bestB};
    }

    /** The table of products of a component's rows that its pairs share. */
    static Products componentProducts(ClusterHull component) {
        return new Products(component.size,
                (i, j) -> Dots.dot(component.z, i * component.dim, component.z, j * component.dim, component.dim));
    }

    @Override
    double product(int i, int j) {
        return sign(i) * sign(j) * products.get(index[i], index[j]);
    }

    /**
     * Rows gathered from the component (each an O(size) copy); the component's own Gram rows, the real
     * work, are counted once by the merge search.
     */
    @Override
    long rowsComputed() {
        return 0;
    }
}
