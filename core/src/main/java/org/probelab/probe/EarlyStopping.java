package org.probelab.probe;

/** Tracks one probe's best dev accuracy and decides when its training stops. */
final class EarlyStopping {
    private final int maxEpochs;
    private final int patience;
    private double bestAccuracy = -1;
    /** The best accuracy at an epoch's end: patience is counted against it alone. */
    private double bestAtEpochEnd = -1;
    private int bestEpoch;
    private int epochs;
    private int completedEpochs;
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
        completedEpochs = epoch;
        boolean better = accuracy > bestAccuracy;
        if (better) {
            bestAccuracy = accuracy;
            bestEpoch = epoch;
        }
        if (accuracy > bestAtEpochEnd) {
            bestAtEpochEnd = accuracy;
            epochsWithoutGain = 0;
        } else {
            epochsWithoutGain++;
        }
        active = epochsWithoutGain < patience && epoch < maxEpochs;
        return better;
    }

    /**
     * Records a dev accuracy taken within {@code epoch} (where a search round's budget ended): a new best
     * is kept, but patience counts only whole epochs. True when it is a new best of a still-active probe.
     */
    boolean recordWithin(int epoch, double accuracy) {
        if (!active) {
            return false;
        }
        epochs = epoch;
        boolean better = accuracy > bestAccuracy;
        if (better) {
            bestAccuracy = accuracy;
            bestEpoch = epoch;
        }
        return better;
    }

    /** Training continues after {@link #stopForBudget}: active again unless patience or epochs are spent. */
    void resume() {
        active = epochsWithoutGain < patience && completedEpochs < maxEpochs;
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
