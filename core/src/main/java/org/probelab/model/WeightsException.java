package org.probelab.model;

import org.probelab.EngineError;

/** A weight file that cannot be used: unreadable, malformed, or not matching the model. */
public class WeightsException extends RuntimeException implements EngineError {
    public WeightsException(String message) {
        super(message);
    }

    public WeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
