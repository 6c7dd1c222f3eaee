package org.probelab.text;

import org.probelab.EngineError;

/** A WordPiece vocabulary that cannot be used: malformed file, duplicate token, or missing special token. */
public class VocabException extends RuntimeException implements EngineError {
    public VocabException(String message) {
        super(message);
    }

    public VocabException(String message, Throwable cause) {
        super(message, cause);
    }
}
