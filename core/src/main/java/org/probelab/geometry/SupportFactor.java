package org.probelab.geometry;

import java.util.Arrays;

/**
 * The Cholesky factor of {@link CorrectiveStep}'s support system {@code K = G + ridge·I} ({@code G} the
 * products {@code z_i · z_j} of the support points), kept up to date as points enter and leave instead of
 * being recomputed: a point entering appends a row ({@code O(m²)}), a point leaving deletes a column and
 * Givens rotations make the factor triangular again ({@code O(m²)}), where a fresh factorisation costs
 * {@code m³/3}. The corrective step drops up to 9 points a step and the support changes by a few points
 * between steps, on supports of up to 512 points: solved afresh after every drop, that system was most of
 * the merge search's time at EWT layer 0, 10,000 rows.
 *
 * <p>Kept as {@code K = RᵀR} with {@code R} upper triangular, one array per row of {@code R}: the rotations
 * then combine two contiguous rows. Points are problem indices; {@link #member} gives their order in the
 * factor.
 */
final class SupportFactor {
    private final Products.Product product;
    private final double ridge;
    /** Factor position of each problem index, or −1. */
    private final int[] position;
    private int[] member = new int[16];
    /** Rows of {@code R}; row {@code k} holds columns {@code k..m)} at their own indices. */
    private double[][] r = new double[16][];
    private int m;

    /**
     * A factor of points {@code 0..size)} whose products come from {@code product}, with {@code ridge} on
     * the diagonal (it keeps {@code K} positive definite when the support is affinely dependent, as it is at
     * an overlap).
     */
    SupportFactor(int size, Products.Product product, double ridge) {
        this.product = product;
        this.ridge = ridge;
        position = new int[size];
        Arrays.fill(position, -1);
    }

    int size() {
        return m;
    }

    /** The problem index at factor position {@code k}. */
    int member(int k) {
        return member[k];
    }

    boolean contains(int i) {
        return position[i] >= 0;
    }

    /** The factor position of problem index {@code i}, or −1 when it is not a member. */
    int position(int i) {
        return position[i];
    }

    /**
     * Appends point {@code i}: its products with the members, one forward substitution and the new pivot.
     * False (and the factor unchanged) when the pivot is not positive: {@code z_i} is, to rounding, in the
     * span of the members beyond what the ridge covers.
     */
    boolean add(int i) {
        ensureCapacity(m + 1);
        double[] column = new double[m];
        for (int k = 0; k < m; k++) {
            column[k] = product.of(member[k], i);
        }
        // Rᵀc = g, row by row of R (contiguous): c_k is final once the rows above have been subtracted.
        for (int k = 0; k < m; k++) {
            double[] row = r[k];
            double c = column[k] / row[k];
            column[k] = c;
            for (int j = k + 1; j < m; j++) {
                column[j] -= row[j] * c;
            }
        }
        double pivot = product.of(i, i) + ridge - Dots.dot(column, column);
        if (!(pivot > 0) || !Double.isFinite(pivot)) {
            return false;
        }
        for (int k = 0; k < m; k++) {
            r[k][m] = column[k];
        }
        if (r[m] == null || r[m].length < member.length) {
            r[m] = new double[member.length];
        }
        r[m][m] = Math.sqrt(pivot);
        member[m] = i;
        position[i] = m;
        m++;
        return true;
    }

    /** Removes point {@code i} (a member): its column goes, and rotations restore the triangle. */
    void remove(int i) {
        int k = position[i];
        position[i] = -1;
        // Without column k, rows above k shift their tail left; rows below start one column early.
        for (int row = 0; row <= k; row++) {
            System.arraycopy(r[row], k + 1, r[row], k, m - 1 - k);
        }
        for (int row = k + 1; row < m; row++) {
            System.arraycopy(r[row], row, r[row], row - 1, m - row);
        }
        // Rows j and j+1 both start at column j: a rotation zeroes r[j+1][j].
        for (int j = k; j < m - 1; j++) {
            double[] upper = r[j];
            double[] lower = r[j + 1];
            double a = upper[j];
            double b = lower[j];
            if (b == 0) {
                continue;
            }
            double norm = Math.sqrt(a * a + b * b); // Math.hypot guards overflow these entries never reach, slowly
            double cos = a / norm;
            double sin = b / norm;
            upper[j] = norm;
            lower[j] = 0;
            for (int c = j + 1; c < m - 1; c++) {
                double x = upper[c];
                double y = lower[c];
                upper[c] = cos * x + sin * y;
                lower[c] = cos * y - sin * x;
            }
        }
        // The last row is now zero (its array is reused by the next add); the members after k move up.
        for (int j = k; j < m - 1; j++) {
            member[j] = member[j + 1];
            position[member[j]] = j;
        }
        m--;
    }

    /** Empties the factor. */
    void clear() {
        for (int k = 0; k < m; k++) {
            position[member[k]] = -1;
        }
        m = 0;
    }

    /**
     * {@code K⁻¹ u} and {@code K⁻¹ v} at once for {@code u}, {@code v} in factor order ({@code m} entries; the
     * corrective step's two right-hand sides), overwriting them:
     * each row of the factor is read once for both, and the back substitution's dot products run as four
     * independent sums (a single running sum waits on each addition).
     */
    void solve(double[] u, double[] v) {
        for (int k = 0; k < m; k++) {
            double[] row = r[k];
            double yu = u[k] / row[k];
            double yv = v[k] / row[k];
            u[k] = yu;
            v[k] = yv;
            for (int j = k + 1; j < m; j++) {
                u[j] -= row[j] * yu;
                v[j] -= row[j] * yv;
            }
        }
        for (int k = m - 1; k >= 0; k--) {
            double[] row = r[k];
            double u0 = 0;
            double u1 = 0;
            double v0 = 0;
            double v1 = 0;
            int j = k + 1;
            for (; j + 1 < m; j += 2) {
                u0 += row[j] * u[j];
                v0 += row[j] * v[j];
                u1 += row[j + 1] * u[j + 1];
                v1 += row[j + 1] * v[j + 1];
            }
            if (j < m) {
                u0 += row[j] * u[j];
                v0 += row[j] * v[j];
            }
            u[k] = (u[k] - (u0 + u1)) / row[k];
            v[k] = (v[k] - (v0 + v1)) / row[k];
        }
    }

    private void ensureCapacity(int needed) {
        if (needed <= member.length) {
            return;
        }
        int capacity = Math.max(needed, 2 * member.length);
        member = Arrays.copyOf(member, capacity);
        double[][] rows = new double[capacity][];
        for (int k = 0; k < r.length; k++) {
            if (r[k] != null) {
                rows[k] = Arrays.copyOf(r[k], capacity);
            }
        }
        r = rows;
    }
}
