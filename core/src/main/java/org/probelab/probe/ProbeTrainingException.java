package org.probelab.probe;

/** A probe could not be trained: bad input vectors, or a loss that stopped being a number. */
public class ProbeTrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProbeTrainingException(String message) {
        super(message);
    }
}
