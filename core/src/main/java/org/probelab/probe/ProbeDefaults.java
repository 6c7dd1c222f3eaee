package org.probelab.probe;

import java.util.ArrayList;
import java.util.List;

/** The probing protocol's numbers, named once: the paper's grid, the quick config, epochs and seeds. */
public final class ProbeDefaults {
    /** MLP hidden sizes searched for each of h1 and h2. */
    public static final List<Integer> HIDDEN_SIZES = List.of(32, 64, 128, 256);
    /** L2 weights searched. */
    public static final List<Double> L2_VALUES = List.of(1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0);
    public static final double LEARNING_RATE = 1e-3;
    public static final int BATCH_SIZE = 512;
    public static final int MAX_EPOCHS = 12;
    public static final int PATIENCE = 3;
    /** Seeds the chosen config is retrained with; results are reported as mean and std over them. */
    public static final int SEEDS = 5;
    public static final long FIRST_SEED = 1;

    /** The quick mode's single config per kind: one mid-sized MLP, mild L2, few epochs. */
    public static final int QUICK_HIDDEN = 256;
    public static final double QUICK_L2 = 1e-5;
    public static final int QUICK_MAX_EPOCHS = 6;
    public static final int QUICK_PATIENCE = 2;
    public static final int QUICK_SEEDS = 1;

    private ProbeDefaults() {
    }

    /** The full grid for {@code kind}: L2 values, and for MLP every pair of hidden sizes. */
    public static List<ProbeConfig> grid(ProbeKind kind) {
        List<ProbeConfig> grid = new ArrayList<>();
        List<Integer> sizes = kind == ProbeKind.MLP ? HIDDEN_SIZES : List.of(0);
        for (int h1 : sizes) {
            for (int h2 : sizes) {
                for (double l2 : L2_VALUES) {
                    grid.add(new ProbeConfig(kind, h1, h2, l2, LEARNING_RATE, BATCH_SIZE, MAX_EPOCHS, PATIENCE,
                            FIRST_SEED));
                }
            }
        }
        return grid;
    }

    /** The single config of quick mode for {@code kind}. */
    public static ProbeConfig quick(ProbeKind kind) {
        int hidden = kind == ProbeKind.MLP ? QUICK_HIDDEN : 0;
        return new ProbeConfig(kind, hidden, hidden, QUICK_L2, LEARNING_RATE, BATCH_SIZE, QUICK_MAX_EPOCHS,
                QUICK_PATIENCE, FIRST_SEED);
    }
}
