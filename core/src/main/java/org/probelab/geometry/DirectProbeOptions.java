package org.probelab.geometry;

/**
 * How DirectProbe decides and reports.
 *
 * @param tolerance        two hulls closer than this (Euclidean, in the vectors' units) overlap; exact LP
 *                         feasibility is ill-conditioned when hulls nearly touch, and float noise leaves
 *                         identical words ~1e-6 apart, so the decision needs a stated tolerance
 * @param dropConflicts    drop every training row lying within the tolerance of a row of another label
 *                         before clustering (they are reported either way); kept, each such row is a
 *                         cluster of its own, since any hull containing it overlaps its twin
 * @param smallCluster     clusters of at most this many points are left out of the label-pair means and
 *                         minima, as the reference analysis does
 * @param relativeGap      distances between clusters and to test points are computed to this relative gap
 *                         between the certified lower and the attained upper bound
 * @param maxIterations    weight transfers per hull problem; a merge whose check runs out is not made
 *                         (counted as undecided in the statistics)
 * @param threads          worker threads (label pairs, cluster pairs and test points run in parallel)
 */
public record DirectProbeOptions(double tolerance, boolean dropConflicts, int smallCluster, double relativeGap,
        long maxIterations, int threads) {
    /** Tolerance 1e-3: above float noise (≤ 2e-5 for BERT-base vectors of norm ~15), far below real gaps (~0.1). */
    public static final double DEFAULT_TOLERANCE = 1e-3;
    /** The reference drops clusters of 5 points or fewer from its distance statistics. */
    public static final int DEFAULT_SMALL_CLUSTER = 5;
    public static final double DEFAULT_RELATIVE_GAP = 1e-4;
    public static final long DEFAULT_MAX_ITERATIONS = 1_000_000;

    public static final DirectProbeOptions DEFAULTS = new DirectProbeOptions(DEFAULT_TOLERANCE, false,
            DEFAULT_SMALL_CLUSTER, DEFAULT_RELATIVE_GAP, DEFAULT_MAX_ITERATIONS,
            Runtime.getRuntime().availableProcessors());

    public DirectProbeOptions {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance is " + tolerance + "; give a finite distance ≥ 0");
        }
        if (smallCluster < 0) {
            throw new IllegalArgumentException("smallCluster is " + smallCluster + "; give a size ≥ 0");
        }
        if (!(relativeGap > 0 && relativeGap < 1)) {
            throw new IllegalArgumentException("relativeGap is " + relativeGap + "; give a value in (0, 1)");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations is " + maxIterations + "; give at least 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + "; give at least 1");
        }
    }

    public DirectProbeOptions withTolerance(double value) {
        return new DirectProbeOptions(value, dropConflicts, smallCluster, relativeGap, maxIterations, threads);
    }

    public DirectProbeOptions withDropConflicts(boolean value) {
        return new DirectProbeOptions(tolerance, value, smallCluster, relativeGap, maxIterations, threads);
    }

    public DirectProbeOptions withThreads(int value) {
        return new DirectProbeOptions(tolerance, dropConflicts, smallCluster, relativeGap, maxIterations, value);
    }
}
