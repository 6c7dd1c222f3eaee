package org.probelab.geometry;

/**
 * Wolfe's corrective step for {@link HullSolver}: the nearest point of the two hulls restricted to the
 * current support, found by linear algebra instead of pairwise transfers. Pairwise transfers converge slowly
 * when the hulls (nearly) touch — proving an overlap took ~10,000 of them at EWT layer 0 — while the support
 * they gather is soon the right one; the affine minimum over it (the weights of each side summing to 1)
 * then lands on the optimum in a few solves of a small system.
 *
 * <p>From the current weights {@code w}, the minimum {@code w*} of {@code ‖Σ w_i z_i‖²} over the affine hull
 * of the support is solved for (the bordered normal equations, in double, through their 2×2 Schur
 * complement and a Cholesky factor of the support's Gram, see {@link SupportFactor}); the weights move along
 * {@code w → w*} until one reaches 0 (that point leaves the support and the factor, and the solve is repeated
 * on the rest) or {@code w*} itself is reached. The quadratic is convex, so each move lowers {@code ‖p‖}. The result is only
 * a proposal: the caller keeps it when the {@code p} recomputed from the new weights is shorter, so the
 * solver's bounds stay exact whatever the conditioning of the small system.
 *
 * <p>The factor is kept from one step of a solve to the next and updated by the points that entered and left
 * the support in between ({@code O(m²)} each instead of {@code m³/3} afresh): at EWT layer 0, 10,000 rows,
 * supports grow towards {@link HullSolver}'s cap of 512 points, and the system solved afresh after every drop
 * was most of the merge search's time. The support's Gram entries (in double, {@code dim} products each) come
 * from {@link Hulls#product}, which keeps them between steps (see {@link Products}).
 */
final class CorrectiveStep {
    /** Support points dropped in one step at most (each drop costs one update and two solves). */
    private static final int MAX_DROPS = 8;

    private final Hulls h;
    /** The support system's factor, kept across the steps of one solve. */
    private final SupportFactor factor;
    /** Problem indices of the support being synced to, by generation (no clearing between steps). */
    private final int[] wanted;
    private int generation;

    CorrectiveStep(Hulls h) {
        this.h = h;
        double maxDiagonal = 0;
        for (int i = 0; i < h.size; i++) {
            maxDiagonal = Math.max(maxDiagonal, h.diagonal(i));
        }
        // Fixed for the solve, so that the factor can be kept from step to step.
        double ridge = 1e-12 * Math.max(maxDiagonal, 1e-300);
        factor = new SupportFactor(h.size, h::product, ridge);
        wanted = new int[h.size];
    }

    /**
     * New weights for the support points {@code support[0..count)}: non-negative, summing to 1 on each side,
     * or null when the small system is singular beyond its ridge.
     */
    double[] weights(int[] support, int count, double[] weight) {
        if (!sync(support, count, weight)) {
            return null;
        }
        double[] w = new double[count];
        int[] slot = new int[count];
        for (int a = 0; a < count; a++) {
            w[a] = weight[support[a]];
        }
        for (int drop = 0; drop <= MAX_DROPS; drop++) {
            double[] target = affineMinimum();
            if (target == null) {
                factor.clear();
                return null;
            }
            // target is in factor order; slot[a] is support point a's factor position (−1 once dropped).
            for (int a = 0; a < count; a++) {
                slot[a] = factor.position(support[a]);
            }
            double t = 1;
            int leaving = -1;
            for (int a = 0; a < count; a++) {
                if (slot[a] >= 0 && target[slot[a]] < 0) {
                    double ta = w[a] / (w[a] - target[slot[a]]);
                    if (ta < t) {
                        t = ta;
                        leaving = a;
                    }
                }
            }
            for (int a = 0; a < count; a++) {
                if (slot[a] >= 0) {
                    w[a] += t * (target[slot[a]] - w[a]);
                }
            }
            if (leaving < 0) {
                break;
            }
            factor.remove(support[leaving]);
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
     * Brings the factor to the support points of positive weight: members that left are removed, new
     * points appended — or, when the removals would cost more than factoring the rest afresh, it is
     * rebuilt. False when a point cannot be factored even afresh.
     */
    private boolean sync(int[] support, int count, double[] weight) {
        generation++;
        int keep = 0;
        for (int a = 0; a < count; a++) {
            if (weight[support[a]] > 0) {
                wanted[support[a]] = generation;
                if (factor.contains(support[a])) {
                    keep++;
                }
            }
        }
        int m = factor.size();
        double removalCost = 0;
        for (int k = 0; k < m; k++) {
            if (wanted[factor.member(k)] != generation) {
                removalCost += 3.0 * (m - k) * (m - k);
            }
        }
        if (removalCost > (double) keep * keep * keep / 3) {
            factor.clear();
        } else {
            for (int k = m - 1; k >= 0; k--) {
                int i = factor.member(k);
                if (wanted[i] != generation) {
                    factor.remove(i);
                }
            }
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            boolean complete = true;
            for (int a = 0; a < count && complete; a++) {
                int i = support[a];
                if (wanted[i] == generation && !factor.contains(i)) {
                    complete = factor.add(i);
                }
            }
            if (complete) {
                return true;
            }
            // Rounding built up over many updates may have cost a pivot: factor the support afresh once.
            factor.clear();
        }
        return false;
    }

    /**
     * The minimiser of {@code wᵀ K w} over the factor's points with each side's weights summing to 1, in
     * factor order: with {@code u = K⁻¹e_A}, {@code v = K⁻¹e_B} ({@code e} the sides' indicators), it is
     * {@code αu + βv} where {@code (α, β)} solves the 2×2 system {@code [e_A·u, e_A·v; e_B·u, e_B·v] = 1}
     * (the Schur complement of the bordered system {@code [K, E; Eᵀ, 0]}). Null when a side has no point or
     * the result is not finite.
     */
    private double[] affineMinimum() {
        int m = factor.size();
        double[] u = new double[m];
        double[] v = new double[m];
        boolean hasA = false;
        boolean hasB = false;
        for (int k = 0; k < m; k++) {
            if (factor.member(k) < h.sizeA) {
                u[k] = 1;
                hasA = true;
            } else {
                v[k] = 1;
                hasB = true;
            }
        }
        if (!hasA || !hasB) {
            return null;
        }
        factor.solve(u, v);
        double aa = 0;
        double ab = 0;
        double ba = 0;
        double bb = 0;
        for (int k = 0; k < m; k++) {
            if (factor.member(k) < h.sizeA) {
                aa += u[k];
                ab += v[k];
            } else {
                ba += u[k];
                bb += v[k];
            }
        }
        double det = aa * bb - ab * ba;
        double alpha = (bb - ab) / det;
        double beta = (aa - ba) / det;
        double[] target = new double[m];
        for (int k = 0; k < m; k++) {
            target[k] = alpha * u[k] + beta * v[k];
            if (!Double.isFinite(target[k])) {
                return null;
            }
        }
        return target;
    }
}
