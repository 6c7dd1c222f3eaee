package org.probelab.geometry;

/**
 * The brute-force oracle: do conv(A) and conv(B) intersect? Feasibility of
 * {@code λ, μ ≥ 0, Σλ = 1, Σμ = 1, Aᵀλ = Bᵀμ}, by phase one of a dense tableau simplex with Bland's rule
 * (no cycling). Independent of the engine's nearest-point solver; for small cases only.
 */
final class HullLp {
    private static final double EPS = 1e-10;

    private HullLp() {
    }

    static boolean intersects(double[][] a, double[][] b) {
        int d = a[0].length;
        int n = a.length + b.length;
        int m = d + 2;
        // Rows: d coordinate equations, then the two convexity rows. Columns: n variables, m artificials, rhs.
        double[][] t = new double[m + 1][n + m + 1];
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < a.length; i++) {
                t[k][i] = a[i][k];
            }
            for (int j = 0; j < b.length; j++) {
                t[k][a.length + j] = -b[j][k];
            }
        }
        for (int i = 0; i < a.length; i++) {
            t[d][i] = 1;
        }
        for (int j = 0; j < b.length; j++) {
            t[d + 1][a.length + j] = 1;
        }
        t[d][n + m] = 1;
        t[d + 1][n + m] = 1;
        int[] basis = new int[m];
        for (int r = 0; r < m; r++) {
            if (t[r][n + m] < 0) {
                for (int c = 0; c <= n + m; c++) {
                    t[r][c] = -t[r][c];
                }
            }
            t[r][n + r] = 1;
            basis[r] = n + r;
        }
        // Objective row: minimise the sum of artificials, expressed in the non-basic variables.
        for (int c = 0; c <= n + m; c++) {
            double sum = 0;
            for (int r = 0; r < m; r++) {
                sum += t[r][c];
            }
            t[m][c] = c >= n && c < n + m ? 0 : -sum;
        }
        while (true) {
            int enter = -1;
            for (int c = 0; c < n + m; c++) {
                if (t[m][c] < -EPS) {
                    enter = c;
                    break;
                }
            }
            if (enter < 0) {
                break;
            }
            int leave = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int r = 0; r < m; r++) {
                if (t[r][enter] > EPS) {
                    double ratio = t[r][n + m] / t[r][enter];
                    if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && basis[r] < basis[leave])) {
                        best = ratio;
                        leave = r;
                    }
                }
            }
            if (leave < 0) {
                break;
            }
            double pivot = t[leave][enter];
            for (int c = 0; c <= n + m; c++) {
                t[leave][c] /= pivot;
            }
            for (int r = 0; r <= m; r++) {
                if (r != leave && t[r][enter] != 0) {
                    double f = t[r][enter];
                    for (int c = 0; c <= n + m; c++) {
                        t[r][c] -= f * t[leave][c];
                    }
                }
            }
            basis[leave] = enter;
        }
        return -t[m][n + m] < 1e-8;
    }
}
