package org.probelab.probe;

/** Tracks one probe's best dev accuracy and decides when its training stops. */
final class EarlyStopping {
    private final int maxEpochs;
    private final int patience;
    private double bestAccuracy = -1;
    private int bestEpoch;
    private int epochs;
    private int epochsWithoutGain;
    private boolean active = true;

    EarlyStopping(int maxEpochs, int patience) {
        this.maxEpochs = maxEpochs;
        this.patience = patience;
    }

    /** Records the dev accuracy after {@code epoch}; true when it is a new best of a still-active probe. */
    boolean record(int epoch, double accuracy) {
        if (!active) {
            return false;
        }
        epochs = epoch;
        boolean better = accuracy > bestAccuracy;
        if (better) {
            bestAccuracy = accuracy;
            bestEpoch = epoch;
            epochsWithoutGain = 0;
        } else {
            epochsWithoutGain++;
        }
        active = epochsWithoutGain < patience && epoch < maxEpochs;
        return better;
    }

    /** Ends training where it is: the budget of a search rung is spent. */
    void stopForBudget() {
        active = false;
    }

    boolean active() {
        return active;
    }

    double bestAccuracy() {
        return bestAccuracy;
    }

    /** The outcome once training has ended: stopped by the budget rather than by patience? */
    TrainingOutcome outcome() {
        return new TrainingOutcome(bestEpoch, epochs, epochsWithoutGain < patience);
    }
}
