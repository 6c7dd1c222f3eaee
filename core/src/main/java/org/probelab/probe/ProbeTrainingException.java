package org.probelab.probe;

import org.probelab.EngineError;

/** A probe could not be trained: bad input vectors, or a loss that stopped being a number. */
public class ProbeTrainingException extends RuntimeException implements EngineError {
    private static final long serialVersionUID = 1L;

    public ProbeTrainingException(String message) {
        super(message);
    }
}
