package org.probelab.text;

import org.probelab.EngineError;

/** A data set that is neither on disk nor downloadable; the message says which files to put where. */
public class DataUnavailableException extends RuntimeException implements EngineError {
    public DataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public DataUnavailableException(String message) {
        super(message);
    }
}
