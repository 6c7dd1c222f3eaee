package org.probelab.geometry;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.probelab.represent.LabelledVectors;

/**
 * Linear centred kernel alignment (Kornblith et al., ICML 2019) between layers that hold vectors of the
 * same items, in its feature-space form: with column-centred X (n × dx) and Y (n × dy),
 * CKA = ‖YᵀX‖²_F / (‖XᵀX‖_F ‖YᵀY‖_F). Only dx × dy products are ever held, never an n × n Gram matrix,
 * and the rows are streamed in chunks, so 25k items of 13 layers cost memory for one layer's chunk and
 * one row of d × d products. The debiased variant replaces each HSIC by the unbiased estimator of
 * Song et al. (2012), written in the same feature-space terms (Kornblith et al.'s reference code).
 * Both are invariant to orthogonal transforms and isotropic scaling of either side.
 */
public final class LinearCka {
    /** Rows summed in one float product before it is added into double accumulators. */
    public static final int CHUNK_ROWS = 4096;

    private final int chunkRows;

    public LinearCka() {
        this(CHUNK_ROWS);
    }

    /** @param chunkRows rows per streamed chunk (memory against the number of products) */
    public LinearCka(int chunkRows) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows is " + chunkRows + "; a chunk needs at least one row");
        }
        this.chunkRows = chunkRows;
    }

    /** Every layer of {@code layers} against every other: a square, symmetric matrix with ones on the diagonal. */
    public CkaMatrix within(Map<String, LabelledVectors> layers) {
        return between(layers, layers);
    }

    /**
     * Every layer of {@code rows} against every layer of {@code columns} (maps in the order to show,
     * e.g. {@link java.util.LinkedHashMap}). A vectors object given on both sides is read once per partner.
     *
     * @throws IllegalArgumentException when a side is empty, the layers do not hold the same items (row
     *                                  count and labels), there are fewer than 4 items (the unbiased estimator
     *                                  divides by n − 3), a value is not finite, or a layer has no variance
     */
    public CkaMatrix between(Map<String, LabelledVectors> rows, Map<String, LabelledVectors> columns) {
        if (rows.isEmpty() || columns.isEmpty()) {
            throw new IllegalArgumentException("CKA needs at least one layer on each side, got " + rows.size()
                    + " × " + columns.size());
        }
        List<String> names = new ArrayList<>();
        List<LabelledVectors> sets = new ArrayList<>();
        Map<LabelledVectors, Integer> index = new IdentityHashMap<>();
        int[] rowSet = register(rows, names, sets, index);
        int[] columnSet = register(columns, names, sets, index);
        int n = requireSameItems(names, sets);

        boolean[][] needed = new boolean[sets.size()][sets.size()];
        for (int r : rowSet) {
            for (int c : columnSet) {
                needed[Math.min(r, c)][Math.max(r, c)] = true;
                needed[r][r] = true;
                needed[c][c] = true;
            }
        }
        Moments moments = moments(names, sets, needed, n);

        double[][] biased = new double[rowSet.length][columnSet.length];
        double[][] debiased = new double[rowSet.length][columnSet.length];
        for (int i = 0; i < rowSet.length; i++) {
            for (int j = 0; j < columnSet.length; j++) {
                int a = rowSet[i];
                int b = columnSet[j];
                biased[i][j] = moments.hsic(a, b) / Math.sqrt(moments.hsic(a, a) * moments.hsic(b, b));
                double unbiasedAA = moments.unbiasedHsic(a, a, n);
                double unbiasedBB = moments.unbiasedHsic(b, b, n);
                debiased[i][j] = moments.unbiasedHsic(a, b, n) / Math.sqrt(unbiasedAA * unbiasedBB);
            }
        }
        return new CkaMatrix(List.copyOf(rows.keySet()), List.copyOf(columns.keySet()), n, biased, debiased);
    }

    private static int[] register(Map<String, LabelledVectors> side, List<String> names, List<LabelledVectors> sets,
                                  Map<LabelledVectors, Integer> index) {
        int[] out = new int[side.size()];
        int i = 0;
        for (Map.Entry<String, LabelledVectors> e : side.entrySet()) {
            Integer known = index.get(e.getValue());
            if (known == null) {
                known = sets.size();
                index.put(e.getValue(), known);
                names.add(e.getKey());
                sets.add(e.getValue());
            }
            out[i++] = known;
        }
        return out;
    }

    private static int requireSameItems(List<String> names, List<LabelledVectors> sets) {
        LabelledVectors first = sets.get(0);
        for (int s = 1; s < sets.size(); s++) {
            LabelledVectors other = sets.get(s);
            if (other.rows() != first.rows()) {
                throw new IllegalArgumentException("layer '" + names.get(s) + "' has " + other.rows() + " items, layer '"
                        + names.get(0) + "' has " + first.rows() + "; CKA compares layers on the same items");
            }
            if (!other.labels().equals(first.labels())) {
                int row = 0;
                while (other.labels().get(row).equals(first.labels().get(row))) {
                    row++;
                }
                throw new IllegalArgumentException("layer '" + names.get(s) + "' has label '" + other.labels().get(row)
                        + "' at row " + row + " where layer '" + names.get(0) + "' has '" + first.labels().get(row)
                        + "'; CKA compares layers on the same items (same data, task and split)");
            }
        }
        if (first.rows() < 4) {
            throw new IllegalArgumentException("CKA needs at least 4 items (the unbiased estimator divides by n − 3), got "
                    + first.rows());
        }
        return first.rows();
    }

    /** One streamed pass per set: its column means, then its products with every partner it is needed with. */
    private Moments moments(List<String> names, List<LabelledVectors> sets, boolean[][] needed, int n) {
        int count = sets.size();
        double[][] means = new double[count][];
        for (int s = 0; s < count; s++) {
            means[s] = columnMeans(names.get(s), sets.get(s));
        }
        Moments moments = new Moments(count);
        try (ChunkProducts products = new ChunkProducts()) {
            for (int a = 0; a < count; a++) {
                List<Integer> partners = new ArrayList<>();
                for (int b = a; b < count; b++) {
                    if (needed[a][b]) {
                        partners.add(b);
                    }
                }
                if (!partners.isEmpty()) {
                    pairsOf(a, partners, sets, means, n, products, moments);
                }
            }
        }
        for (int s = 0; s < count; s++) {
            if (moments.hsic(s, s) <= 0) {
                throw new IllegalArgumentException("layer '" + names.get(s) + "' has the same vector for all " + n
                        + " items; CKA is undefined without variance");
            }
        }
        return moments;
    }

    /** ‖X_aᵀX_b‖², Σ_i ‖x_i‖²‖y_i‖² and the traces for set {@code a} and each of its partners. */
    private void pairsOf(int a, List<Integer> partners, List<LabelledVectors> sets, double[][] means, int n,
                         ChunkProducts products, Moments moments) {
        int dx = sets.get(a).dim();
        int[] offsets = new int[partners.size() + 1];
        for (int p = 0; p < partners.size(); p++) {
            offsets[p + 1] = offsets[p] + sets.get(partners.get(p)).dim();
        }
        int dy = offsets[partners.size()];
        double[] cross = new double[dx * dy];
        double[] rowNormProducts = new double[partners.size()];
        double[] traces = new double[partners.size()];
        float[] x = new float[chunkRows * dx];
        float[] y = new float[chunkRows * dy];
        double[] xNorms = new double[chunkRows];
        double[] yNorms = new double[chunkRows];
        for (int start = 0; start < n; start += chunkRows) {
            int size = Math.min(chunkRows, n - start);
            centredChunk(sets.get(a), means[a], start, size, x, 0, dx, xNorms);
            for (int p = 0; p < partners.size(); p++) {
                int b = partners.get(p);
                centredChunk(sets.get(b), means[b], start, size, y, offsets[p], dy, yNorms);
                for (int i = 0; i < size; i++) {
                    rowNormProducts[p] += xNorms[i] * yNorms[i];
                    traces[p] += yNorms[i];
                }
            }
            products.addProduct(x, y, size, dx, dy, cross);
        }
        for (int p = 0; p < partners.size(); p++) {
            double squares = 0;
            for (int r = 0; r < dx; r++) {
                for (int c = offsets[p]; c < offsets[p + 1]; c++) {
                    double v = cross[r * dy + c];
                    squares += v * v;
                }
            }
            moments.record(a, partners.get(p), squares, rowNormProducts[p], traces[p]);
        }
    }

    /**
     * Rows {@code start .. start + size} of {@code set}, centred, into columns {@code offset ..} of the
     * row-major {@code out} of width {@code width}; each row's squared norm (after centring) into {@code norms}.
     */
    private static void centredChunk(LabelledVectors set, double[] mean, int start, int size, float[] out, int offset,
                                     int width, double[] norms) {
        int d = set.dim();
        float[] row = new float[d];
        for (int i = 0; i < size; i++) {
            set.row(start + i, row);
            double norm = 0;
            for (int j = 0; j < d; j++) {
                double centred = row[j] - mean[j];
                out[i * width + offset + j] = (float) centred;
                norm += centred * centred;
            }
            norms[i] = norm;
        }
    }

    private static double[] columnMeans(String name, LabelledVectors set) {
        int d = set.dim();
        double[] sum = new double[d];
        float[] row = new float[d];
        for (int i = 0; i < set.rows(); i++) {
            set.row(i, row);
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException("layer '" + name + "' has " + row[j] + " at row " + i
                            + " (label '" + set.labels().get(i) + "'), dimension " + j
                            + "; CKA needs finite vectors (check the extraction that produced them)");
                }
                sum[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            sum[j] /= set.rows();
        }
        return sum;
    }

    /** The sums CKA is made of, per unordered pair of sets (stored once, at [min][max]). */
    private static final class Moments {
        private final double[][] crossSquares;
        private final double[][] rowNormProducts;
        private final double[] traces;

        Moments(int sets) {
            crossSquares = new double[sets][sets];
            rowNormProducts = new double[sets][sets];
            traces = new double[sets];
        }

        void record(int a, int b, double squares, double rowNormProduct, double traceOfB) {
            crossSquares[a][b] = squares;
            rowNormProducts[a][b] = rowNormProduct;
            traces[b] = traceOfB;
        }

        /** ‖XᵀY‖²_F of the centred sets: n² times the plug-in HSIC of linear kernels. */
        double hsic(int a, int b) {
            return crossSquares[Math.min(a, b)][Math.max(a, b)];
        }

        /**
         * n(n − 3) times the unbiased HSIC of linear kernels. With K = XXᵀ and L = YYᵀ with zeroed diagonals,
         * tr(KL) = ‖XᵀY‖² − Σ_i ‖x_i‖²‖y_i‖², 1ᵀK1 = −tr(XXᵀ) for centred X, 1ᵀKL1 = Σ_i ‖x_i‖²‖y_i‖²;
         * substituted into Song et al.'s estimator this is Kornblith et al.'s feature-space form.
         */
        double unbiasedHsic(int a, int b, int n) {
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            return crossSquares[lo][hi] - (double) n / (n - 2) * rowNormProducts[lo][hi]
                    + traces[lo] * traces[hi] / ((double) (n - 1) * (n - 2));
        }
    }
}
