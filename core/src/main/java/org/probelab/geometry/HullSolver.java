package org.probelab.geometry;

import org.probelab.Interruption;

/**
 * The nearest points of two convex hulls, {@code min ‖u − v‖} over {@code u ∈ conv(A)}, {@code v ∈ conv(B)},
 * by pairwise weight transfer inside one hull per step (the MDM / SMO scheme of hard-margin SVM solvers:
 * the support point with the worst score gives weight to the partner chosen by the second-order gain,
 * as libsvm's WSS2 does).
 *
 * <p>Every state carries two exact bounds on the hull distance: {@code upper = ‖p‖} for the current
 * {@code p = u − v}, and {@code lower = (min_A p·a − max_B p·b) / ‖p‖}, the margin of the hyperplane
 * normal to {@code p}. A positive lower bound is a separating hyperplane, a certificate rechecked with
 * scores recomputed in double; an upper bound at or below the tolerance means the hulls come within the
 * tolerance of each other (they "overlap"). Exact LP feasibility is ill-conditioned when hulls nearly touch
 * (float noise puts identical words 1e-6 apart), so overlap is defined with that stated tolerance.
 */
final class HullSolver {
    /**
     * A stop asked for ({@link Interruption}) is looked at every 1,024 transfers: a single merge check at EWT
     * layer 0 can run for tens of seconds, and Ctrl-C should not wait for it.
     */
    private static final long STOP_CHECK_MASK = 1023;
    /**
     * Scores are kept up to date through float Gram rows; this often (and at the start and after a
     * corrective step) they are recomputed from {@code p} to stop the drift ({@link Hulls#refreshScores}, in
     * float where a subclass can), and exactly in double before any certificate is issued. An overlap needs
     * no exact scores: it is proven by {@code ‖p‖}, computed in double from the weights.
     */
    private static final int REFRESH = 64;
    /**
     * In a yes/no overlap test, this often a {@link CorrectiveStep} jumps to the nearest points over the
     * current support: at EWT layer 0 an overlap then is proven after a few hundred transfers, not ~10,000.
     * Distances (solved to a small relative gap between hulls that are apart) mostly converge well by
     * transfers alone, and the step's small system would cost them more than it saves; they take it only
     * once they have run {@link #SLOW} transfers (clusters barely apart, where transfers crawl).
     */
    private static final int CORRECT_EVERY = 64;
    /** Transfers after which a distance solve takes the corrective step too. */
    private static final long SLOW = 16_384;
    /**
     * Supports larger than this skip the corrective step (its system costs support³ to solve). At EWT layer 0
     * (5,000 rows) overlap proofs have supports of 130–170 points: with a cap of 128 they crawled for up to
     * 1,000,000 transfers (5 CPU s each); with this one they end after a few hundred. (On well-spread clouds,
     * e.g. Gaussian ones in 150 dimensions, supports of 200+ points converge by transfers alone and the step
     * costs more than it saves; DirectProbe's spaces are not of that kind.)
     */
    private static final int CORRECT_MAX_SUPPORT = 512;

    enum Outcome {
        /** The hulls come within the tolerance: {@code upper ≤ tolerance}. */
        OVERLAP,
        /** A separating hyperplane with margin above the tolerance, and the gap criterion met. */
        SEPARATED,
        /** The lower bound reached {@link Stop#above}: the distance is at least that. */
        ABOVE,
        /** The upper bound reached {@link Stop#below}: the distance is at most that. */
        BELOW,
        /** The iteration limit struck first; the bounds are still valid. */
        LIMIT
    }

    /**
     * When to stop.
     *
     * @param tolerance     hull distances at or below this count as overlap
     * @param relativeGap   stop separated once {@code upper − lower ≤ relativeGap · upper}; at or above 1 it
     *                      stops at the first certificate (a yes/no overlap test)
     * @param above         stop once {@code lower ≥ above} (the caller only needs to know it is that far)
     * @param below         stop once {@code upper ≤ below}
     * @param maxIterations weight transfers at most
     */
    record Stop(double tolerance, double relativeGap, double above, double below, long maxIterations) {
        static Stop decision(double tolerance, long maxIterations) {
            return new Stop(tolerance, 1, Double.POSITIVE_INFINITY, -1, maxIterations);
        }

        static Stop distance(double tolerance, double relativeGap, long maxIterations) {
            return new Stop(tolerance, relativeGap, Double.POSITIVE_INFINITY, -1, maxIterations);
        }
    }

    /**
     * @param upper      a distance attained by points of the two hulls
     * @param lower      a proven lower bound on the hull distance (may be negative)
     * @param direction  the final {@code p = u − v} (normal of the certificate hyperplane, from B to A)
     * @param iterations weight transfers made
     */
    record Result(Outcome outcome, double upper, double lower, double[] direction, long iterations) {
        boolean overlaps() {
            return outcome == Outcome.OVERLAP;
        }
    }

    private HullSolver() {
    }

    static Result solve(Hulls h, Stop stop) {
        int n = h.size;
        int nA = h.sizeA;
        double[] weight = new double[n];
        double[] p = new double[h.dim];
        double[] s = new double[n];
        int[] support = new int[n];
        int supportSize = 0;
        int[] position = new int[n];
        java.util.Arrays.fill(position, -1);

        for (int start : h.start()) {
            weight[start] = 1;
            position[start] = supportSize;
            support[supportSize++] = start;
            h.addTo(p, start, 1);
        }
        // Scores guide the transfers only (an overlap is proven by ‖p‖, a certificate after an exact pass).
        h.refreshScores(p, weight, support, supportSize, s);
        boolean exact = false;
        CorrectiveStep corrective = null;
        long iteration = 0;
        double upper;
        double lower;
        while (true) {
            double pp = Dots.dot(p, p);
            upper = Math.sqrt(pp);
            double minA = Double.POSITIVE_INFINITY;
            double minB = Double.POSITIVE_INFINITY;
            int bestA = -1;
            int bestB = -1;
            for (int i = 0; i < nA; i++) {
                if (s[i] < minA) {
                    minA = s[i];
                    bestA = i;
                }
            }
            for (int i = nA; i < n; i++) {
                if (s[i] < minB) {
                    minB = s[i];
                    bestB = i;
                }
            }
            lower = upper > 0 ? (minA + minB) / upper : 0;
            if (upper <= stop.tolerance()) {
                return new Result(Outcome.OVERLAP, upper, lower, p, iteration);
            }
            if (upper <= stop.below()) {
                return new Result(Outcome.BELOW, upper, lower, p, iteration);
            }
            boolean certified = lower > stop.tolerance() && upper - lower <= stop.relativeGap() * upper;
            if (certified || lower >= stop.above()) {
                if (!exact) {
                    h.scores(p, weight, support, supportSize, s);
                    exact = true;
                    continue;
                }
                return new Result(certified ? Outcome.SEPARATED : Outcome.ABOVE, upper, lower, p, iteration);
            }
            if ((iteration & STOP_CHECK_MASK) == 0) {
                Interruption.checkpoint();
            }
            if (iteration >= stop.maxIterations()) {
                if (!exact) {
                    h.scores(p, weight, support, supportSize, s);
                    exact = true;
                    continue;
                }
                return new Result(Outcome.LIMIT, upper, lower, p, iteration);
            }

            // Worst support point of each side, and its best partner by second-order gain.
            int giver = -1;
            int taker = -1;
            double bestGain = 0;
            for (int side = 0; side < 2; side++) {
                int from = side == 0 ? 0 : nA;
                int to = side == 0 ? nA : n;
                int worst = -1;
                double worstScore = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < supportSize; k++) {
                    int i = support[k];
                    if (i >= from && i < to && s[i] > worstScore) {
                        worstScore = s[i];
                        worst = i;
                    }
                }
                double min = side == 0 ? minA : minB;
                if (worst < 0 || worstScore - min <= 0) {
                    continue;
                }
                float[] row = h.row(worst);
                double rowWorst = row[worst];
                int partner = side == 0 ? bestA : bestB;
                double partnerGain = gain(worstScore - s[partner], rowWorst + h.diagonal(partner) - 2 * row[partner]);
                for (int j = from; j < to; j++) {
                    double difference = worstScore - s[j];
                    if (difference > 0) {
                        double g = gain(difference, rowWorst + h.diagonal(j) - 2 * row[j]);
                        if (g > partnerGain) {
                            partnerGain = g;
                            partner = j;
                        }
                    }
                }
                if (partnerGain > bestGain) {
                    bestGain = partnerGain;
                    giver = worst;
                    taker = partner;
                }
            }
            // Exact line search along z_taker − z_giver.
            double step = 0;
            if (giver >= 0) {
                double e2 = h.squaredDistance(giver, taker);
                step = e2 > 0 ? (h.score(giver, p) - h.score(taker, p)) / e2 : weight[giver];
                step = Math.min(weight[giver], step);
            }
            if (!(step > 0)) {
                // No transfer lowers ‖p‖: the optimum, up to the float scores; recheck them exactly.
                if (!exact) {
                    h.scores(p, weight, support, supportSize, s);
                    exact = true;
                    continue;
                }
                Outcome outcome = lower > stop.tolerance() ? Outcome.SEPARATED : Outcome.LIMIT;
                return new Result(outcome, upper, lower, p, iteration);
            }
            weight[giver] -= step;
            weight[taker] += step;
            h.addTo(p, taker, step);
            h.addTo(p, giver, -step);
            if (position[taker] < 0) {
                position[taker] = supportSize;
                support[supportSize++] = taker;
            }
            if (weight[giver] <= 0) {
                weight[giver] = 0;
                int k = position[giver];
                int last = support[--supportSize];
                support[k] = last;
                position[last] = k;
                position[giver] = -1;
            }
            iteration++;
            if ((stop.relativeGap() >= 1 || iteration >= SLOW) && iteration % CORRECT_EVERY == 0
                    && supportSize <= CORRECT_MAX_SUPPORT) {
                if (corrective == null) {
                    corrective = new CorrectiveStep(h);
                }
                double[] corrected = corrective.weights(support, supportSize, weight);
                if (corrected != null) {
                    double[] candidate = new double[h.dim];
                    for (int a = 0; a < supportSize; a++) {
                        if (corrected[a] > 0) {
                            h.addTo(candidate, support[a], corrected[a]);
                        }
                    }
                    if (Dots.dot(candidate, candidate) < Dots.dot(p, p)) {
                        int[] previous = java.util.Arrays.copyOf(support, supportSize);
                        supportSize = 0;
                        for (int a = 0; a < previous.length; a++) {
                            int i = previous[a];
                            weight[i] = corrected[a];
                            position[i] = corrected[a] > 0 ? supportSize : -1;
                            if (corrected[a] > 0) {
                                support[supportSize++] = i;
                            }
                        }
                        System.arraycopy(candidate, 0, p, 0, h.dim);
                        h.refreshScores(p, weight, support, supportSize, s);
                        exact = false;
                        continue;
                    }
                }
            }
            if (iteration % REFRESH == 0) {
                h.refreshScores(p, weight, support, supportSize, s);
                exact = false;
            } else {
                float[] rowTaker = h.row(taker);
                float[] rowGiver = h.row(giver);
                for (int j = 0; j < n; j++) {
                    s[j] += step * ((double) rowTaker[j] - rowGiver[j]);
                }
                exact = false;
            }
        }
    }

    /** Decrease of ‖p‖² from the optimal step along a direction of squared length {@code e2}. */
    private static double gain(double difference, double e2) {
        return e2 > 0 ? difference * difference / e2 : 0;
    }
}
