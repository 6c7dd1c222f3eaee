package org.probelab.model;

/** A weight file that cannot be used: unreadable, malformed, or not matching the model. */
public class WeightsException extends RuntimeException {
    public WeightsException(String message) {
        super(message);
    }

    public WeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
