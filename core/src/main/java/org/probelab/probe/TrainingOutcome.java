package org.probelab.probe;

/**
 * How one probe's training ended. For an MLP an epoch is one pass of mini-batch Adam and dev is
 * scored after each; for a linear probe it is one L-BFGS iteration (one pass over the training rows).
 *
 * @param bestEpoch    the epoch (from 1) whose parameters were kept
 * @param epochs       how many epochs were trained
 * @param budgetRanOut training ended because the budget did, not because dev accuracy (MLP) or the
 *                     objective (linear) had stopped improving: the probe may have been still learning
 */
public record TrainingOutcome(int bestEpoch, int epochs, boolean budgetRanOut) {

    /** The budget ran out while the kept epoch was the last one: the clearest sign of under-training. */
    public boolean peakedAtLastEpoch() {
        return budgetRanOut && bestEpoch == epochs;
    }
}
