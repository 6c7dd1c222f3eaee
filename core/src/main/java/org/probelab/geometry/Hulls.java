package org.probelab.geometry;

/**
 * Two finite point sets A (indices {@code 0..sizeA)}) and B ({@code sizeA..size)}) as {@link HullSolver}
 * sees them: signed, centred points {@code z} (A points as {@code a − c}, B points as {@code −(b − c)}, so
 * that {@code p = Σ w_i z_i} with the weights of each side on a simplex is the difference {@code u − v}
 * of a point of conv(A) and a point of conv(B)), their Gram rows, and exact products with a direction.
 */
abstract class Hulls {
    final int size;
    final int sizeA;
    final int dim;

    Hulls(int size, int sizeA, int dim) {
        if (sizeA < 1 || size - sizeA < 1) {
            throw new IllegalArgumentException("both hulls need at least one point, got " + sizeA + " and "
                    + (size - sizeA));
        }
        this.size = size;
        this.sizeA = sizeA;
        this.dim = dim;
    }

    /** Gram row {@code z_i · z_j} for all {@code j}, in float (guides the search; bounds are rechecked). */
    abstract float[] row(int i);

    /** {@code z_i · z_i}. */
    abstract double diagonal(int i);

    /** {@code p += coefficient · z_i}, in double. */
    abstract void addTo(double[] p, int i, double coefficient);

    /** {@code z_i · p}, in double. */
    abstract double score(int i, double[] p);

    /** {@code ‖z_i − z_j‖²}, in double. */
    abstract double squaredDistance(int i, int j);

    /** {@code z_i · z_j}, in double, each computed once (the corrective step asks for them at every step). */
    abstract double product(int i, int j);

    /**
     * {@code out[i] = z_i · p} for every point, where {@code p = Σ weight[j] z_j} over the {@code count}
     * indices in {@code support}; exact in double unless a subclass documents otherwise.
     */
    void scores(double[] p, double[] weight, int[] support, int count, double[] out) {
        for (int i = 0; i < size; i++) {
            out[i] = score(i, p);
        }
    }

    /**
     * Scores recomputed from {@code p} to stop drift, not for a certificate: may be float-accurate only.
     * By default the exact {@link #scores}.
     */
    void refreshScores(double[] p, double[] weight, int[] support, int count, double[] out) {
        scores(p, weight, support, count, out);
    }

    /** The two start points, one per hull: those reaching furthest towards the other hull's centroid. */
    int[] start() {
        double[] towards = new double[dim];
        for (int i = 0; i < size; i++) {
            addTo(towards, i, i < sizeA ? 1.0 / sizeA : 1.0 / (size - sizeA));
        }
        return new int[] {argMinScore(towards, 0, sizeA), argMinScore(towards, sizeA, size)};
    }

    private int argMinScore(double[] direction, int from, int to) {
        int best = from;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int i = from; i < to; i++) {
            double score = score(i, direction);
            if (score < bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    /** Gram row computations so far (the unit of work reported as "hull solve cost"). */
    abstract long rowsComputed();
}
