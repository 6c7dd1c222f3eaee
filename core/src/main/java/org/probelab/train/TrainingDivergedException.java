package org.probelab.train;

/** A training stage stopped because its loss became NaN, infinite, or far larger than at the start. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
