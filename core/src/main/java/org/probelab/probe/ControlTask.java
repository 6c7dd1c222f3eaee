package org.probelab.probe;

import java.util.Locale;

/**
 * A labelling with the task's labels but none of its meaning (Hewitt & Liang, EMNLP 2019): a probe's
 * accuracy on it measures what the probe can learn by itself, and task accuracy minus control accuracy
 * (the selectivity) what the representation contributes.
 */
public enum ControlTask {
    /**
     * The paper's control: every word type (for an edge, the pair of types) gets one fixed label, drawn
     * from the task's label distribution on train; a probe can only score by memorising word identities.
     */
    WORD_TYPES,
    /** The task's labels shuffled across the items of each split: nothing is left to learn at all. */
    SHUFFLED_TOKENS;

    /** The seed of the random labelling, named once so every run draws the same control labels. */
    public static final long SEED = 7;

    /** The name in step files and tables: {@code word-types}, {@code shuffled-tokens}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
