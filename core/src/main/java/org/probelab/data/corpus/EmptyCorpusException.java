package org.probelab.data.corpus;

import org.probelab.EngineError;

/** A corpus (a file, a folder, a genre slice) that holds no text to train on. */
public final class EmptyCorpusException extends RuntimeException implements EngineError {
    public EmptyCorpusException(String message) {
        super(message);
    }
}
