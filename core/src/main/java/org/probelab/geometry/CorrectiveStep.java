package org.probelab.geometry;

/**
 * Wolfe's corrective step for {@link HullSolver}: the nearest point of the two hulls restricted to the
 * current support, found by linear algebra instead of pairwise transfers. Pairwise transfers converge slowly
 * when the hulls (nearly) touch — proving an overlap took ~10,000 of them at EWT layer 0 — while the support
 * they gather is soon the right one; the affine minimum over it (the weights of each side summing to 1)
 * then lands on the optimum in a few solves of a small system.
 *
 * <p>From the current weights {@code w}, the minimum {@code w*} of {@code ‖Σ w_i z_i‖²} over the affine hull
 * of the support is solved for (the bordered normal equations, in double); the weights move along
 * {@code w → w*} until one reaches 0 (that point leaves the support, and the solve is repeated on the rest) or
 * {@code w*} itself is reached. The quadratic is convex, so each move lowers {@code ‖p‖}. The result is only
 * a proposal: the caller keeps it when the {@code p} recomputed from the new weights is shorter, so the
 * solver's bounds stay exact whatever the conditioning of the small system.
 *
 * <p>The support's Gram entries (in double, {@code dim} products each) come from {@link Hulls#product},
 * which keeps them between steps (see {@link Products}).
 */
final class CorrectiveStep {
    /** Support points dropped in one step at most (each drop costs one solve of the small system). */
    private static final int MAX_DROPS = 8;

    private final Hulls h;

    CorrectiveStep(Hulls h) {
        this.h = h;
    }

    /**
     * New weights for the support points {@code support[0..count)}: non-negative, summing to 1 on each side,
     * or null when the small system is singular beyond its ridge.
     */
    double[] weights(int[] support, int count, double[] weight) {
        double[][] gram = new double[count][count];
        double maxDiagonal = 0;
        for (int b = 0; b < count; b++) {
            for (int a = 0; a <= b; a++) {
                gram[a][b] = gram[b][a] = h.product(support[a], support[b]);
            }
            maxDiagonal = Math.max(maxDiagonal, gram[b][b]);
        }
        double ridge = 1e-12 * Math.max(maxDiagonal, 1e-300);
        double[] w = new double[count];
        boolean[] alive = new boolean[count];
        for (int a = 0; a < count; a++) {
            w[a] = weight[support[a]];
            alive[a] = w[a] > 0;
        }
        for (int drop = 0; drop <= MAX_DROPS; drop++) {
            double[] target = affineMinimum(gram, alive, support, h.sizeA, ridge);
            if (target == null) {
                return null;
            }
            double t = 1;
            int leaving = -1;
            for (int a = 0; a < count; a++) {
                if (alive[a] && target[a] < 0) {
                    double ta = w[a] / (w[a] - target[a]);
                    if (ta < t) {
                        t = ta;
                        leaving = a;
                    }
                }
            }
            for (int a = 0; a < count; a++) {
                if (alive[a]) {
                    w[a] += t * (target[a] - w[a]);
                }
            }
            if (leaving < 0) {
                break;
            }
            alive[leaving] = false;
            w[leaving] = 0;
        }
        // Rounding aside, each side already sums to 1; make it exact so that p is a difference of hull points.
        double sumA = 0;
        double sumB = 0;
        for (int a = 0; a < count; a++) {
            w[a] = Math.max(0, w[a]);
            if (support[a] < h.sizeA) {
                sumA += w[a];
            } else {
                sumB += w[a];
            }
        }
        if (!(sumA > 0 && sumB > 0)) {
            return null;
        }
        for (int a = 0; a < count; a++) {
            w[a] /= support[a] < h.sizeA ? sumA : sumB;
        }
        return w;
    }

    /**
     * The minimiser of {@code wᵀ G w} over the alive points with each side's weights summing to 1: the
     * bordered system {@code [G + ridge·I, E; Eᵀ, 0] [w; ν] = [0; 1]} by Gaussian elimination with partial
     * pivoting; dead points get weight 0. Null when a side has no alive point or a pivot vanishes.
     */
    private static double[] affineMinimum(double[][] gram, boolean[] alive, int[] support, int sizeA, double ridge) {
        int count = gram.length;
        int[] index = new int[count];
        int m = 0;
        boolean hasA = false;
        boolean hasB = false;
        for (int a = 0; a < count; a++) {
            if (alive[a]) {
                index[m++] = a;
                hasA |= support[a] < sizeA;
                hasB |= support[a] >= sizeA;
            }
        }
        if (!hasA || !hasB) {
            return null;
        }
        int size = m + 2;
        double[][] k = new double[size][size + 1];
        for (int x = 0; x < m; x++) {
            for (int y = 0; y < m; y++) {
                k[x][y] = gram[index[x]][index[y]];
            }
            k[x][x] += ridge;
            int side = support[index[x]] < sizeA ? m : m + 1;
            k[x][side] = 1;
            k[side][x] = 1;
        }
        k[m][size] = 1;
        k[m + 1][size] = 1;
        for (int col = 0; col < size; col++) {
            int pivot = col;
            for (int r = col + 1; r < size; r++) {
                if (Math.abs(k[r][col]) > Math.abs(k[pivot][col])) {
                    pivot = r;
                }
            }
            if (!(Math.abs(k[pivot][col]) > 1e-300)) {
                return null;
            }
            double[] swap = k[col];
            k[col] = k[pivot];
            k[pivot] = swap;
            for (int r = col + 1; r < size; r++) {
                double f = k[r][col] / k[col][col];
                if (f != 0) {
                    for (int c = col; c <= size; c++) {
                        k[r][c] -= f * k[col][c];
                    }
                }
            }
        }
        double[] solution = new double[size];
        for (int r = size - 1; r >= 0; r--) {
            double v = k[r][size];
            for (int c = r + 1; c < size; c++) {
                v -= k[r][c] * solution[c];
            }
            solution[r] = v / k[r][r];
        }
        double[] target = new double[count];
        for (int x = 0; x < m; x++) {
            target[index[x]] = solution[x];
        }
        for (double v : target) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return target;
    }
}
