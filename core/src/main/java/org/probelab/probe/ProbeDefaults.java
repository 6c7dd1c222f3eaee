package org.probelab.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * The probing protocol's numbers, named once (docs/probing.md, "The probes and the search").
 *
 * <p>The grid, the selection on dev and the seeds are the DirectProbe paper's (Zhou and Srikumar,
 * 2021): two-layer ReLU MLPs of every hidden-size pair, every L2 weight, trained with Adam at a
 * constant learning rate. How long a probe trains is a budget in optimizer steps, not in epochs:
 * small training sets get many epochs, large ones stop when dev accuracy stops improving. Linear
 * probes are multinomial logistic regression with L2, a convex problem solved to its optimum
 * ({@link SoftmaxRegression}), so they need no learning rate, batch or epochs of their own.
 */
public final class ProbeDefaults {
    /** MLP hidden sizes searched for each of h1 and h2. */
    public static final List<Integer> HIDDEN_SIZES = List.of(32, 64, 128, 256);
    /** L2 weights searched. */
    public static final List<Double> L2_VALUES = List.of(1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0);
    /** Adam's learning rate, constant over training (no warm-up, no decay). */
    public static final double LEARNING_RATE = 1e-3;
    /** The batch size gives about this many optimizer steps per epoch, within the bounds below. */
    public static final int STEPS_PER_EPOCH = 64;
    public static final int MIN_BATCH_SIZE = 32;
    public static final int MAX_BATCH_SIZE = 512;
    /** An MLP probe's training budget, in optimizer steps. */
    public static final int MAX_STEPS = 10_000;
    /** Training stops after this many steps without a better dev accuracy (dev is scored once per epoch). */
    public static final int PATIENCE_STEPS = 1_000;
    /** ... but never after fewer epochs than this, however large the epochs. */
    public static final int MIN_PATIENCE_EPOCHS = 2;
    /** A linear probe's budget: L-BFGS iterations, each one pass over the training rows. */
    public static final int LINEAR_MAX_ITERATIONS = 500;
    /** Seeds the chosen config is retrained with; results are reported as mean and std over them. */
    public static final int SEEDS = 5;
    public static final long FIRST_SEED = 1;

    /** The quick mode's single config per kind: one mid-sized MLP, mild L2, a smaller budget. */
    public static final int QUICK_HIDDEN = 256;
    public static final double QUICK_L2 = 1e-5;
    public static final int QUICK_MAX_STEPS = 2_000;
    public static final int QUICK_PATIENCE_STEPS = 300;
    public static final int QUICK_SEEDS = 1;

    private ProbeDefaults() {
    }

    /** The full grid for {@code kind} on {@code trainRows} training rows: L2 values, and for MLP every pair of hidden sizes. */
    public static List<ProbeConfig> grid(ProbeKind kind, int trainRows) {
        List<ProbeConfig> grid = new ArrayList<>();
        List<Integer> sizes = kind == ProbeKind.MLP ? HIDDEN_SIZES : List.of(0);
        for (int h1 : sizes) {
            for (int h2 : sizes) {
                for (double l2 : L2_VALUES) {
                    grid.add(config(kind, h1, h2, l2, trainRows, MAX_STEPS, PATIENCE_STEPS));
                }
            }
        }
        return grid;
    }

    /** The single config of quick mode for {@code kind} on {@code trainRows} training rows. */
    public static ProbeConfig quick(ProbeKind kind, int trainRows) {
        int hidden = kind == ProbeKind.MLP ? QUICK_HIDDEN : 0;
        return config(kind, hidden, hidden, QUICK_L2, trainRows, QUICK_MAX_STEPS, QUICK_PATIENCE_STEPS);
    }

    /**
     * The batch size for {@code trainRows} rows: the power of two nearest below
     * {@code trainRows / STEPS_PER_EPOCH}, within [{@value #MIN_BATCH_SIZE}, {@value #MAX_BATCH_SIZE}].
     */
    public static int batchSize(int trainRows) {
        int target = Math.max(1, trainRows / STEPS_PER_EPOCH);
        return Math.max(MIN_BATCH_SIZE, Math.min(MAX_BATCH_SIZE, Integer.highestOneBit(target)));
    }

    /** A step budget and a patience in steps, as whole epochs of {@code trainRows} rows (at least one). */
    private static ProbeConfig config(ProbeKind kind, int h1, int h2, double l2, int trainRows, int maxSteps,
                                      int patienceSteps) {
        if (kind == ProbeKind.LINEAR) {
            // L-BFGS: one iteration is one pass; it stops at the optimum, so patience plays no part.
            return new ProbeConfig(kind, 0, 0, l2, LEARNING_RATE, trainRows, LINEAR_MAX_ITERATIONS, 1, FIRST_SEED);
        }
        int batch = batchSize(trainRows);
        int stepsPerEpoch = Math.max(1, (trainRows + batch - 1) / batch);
        int maxEpochs = Math.max(1, (maxSteps + stepsPerEpoch - 1) / stepsPerEpoch);
        int patience = Math.max(MIN_PATIENCE_EPOCHS, (patienceSteps + stepsPerEpoch - 1) / stepsPerEpoch);
        return new ProbeConfig(kind, h1, h2, l2, LEARNING_RATE, batch, maxEpochs, patience, FIRST_SEED);
    }
}
