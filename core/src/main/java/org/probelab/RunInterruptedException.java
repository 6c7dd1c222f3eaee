package org.probelab;

/** Work stopped because a stop was asked for ({@link Interruption}); the message says what was kept. */
public class RunInterruptedException extends RuntimeException {
    public RunInterruptedException(String message) {
        super(message);
    }
}
