package org.probelab;

/**
 * A stop asked for from outside the work, e.g. by Ctrl-C. Long work checks it between two TensorFlow
 * steps (at each progress report) and unwinds with {@link RunInterruptedException}, closing its sessions
 * on the way: a JVM that exits while a session runs can crash in native code.
 */
public final class Interruption {
    private static volatile boolean requested;

    private Interruption() {
    }

    /** Asks the work of this process to stop at its next checkpoint. Safe from any thread, e.g. a shutdown hook. */
    public static void request() {
        requested = true;
    }

    /** Whether a stop was asked for: work that must save state before it stops (training) looks first. */
    public static boolean requested() {
        return requested;
    }

    /** @throws RunInterruptedException when a stop was asked for */
    public static void checkpoint() {
        if (requested) {
            throw new RunInterruptedException("interrupted");
        }
    }

    /** {@code progress}, with a checkpoint after each report: work stops after the step it just reported. */
    public static Progress checking(Progress progress) {
        return new Progress() {
            @Override
            public void update(String task, long done, long total) {
                progress.update(task, done, total);
                checkpoint();
            }

            @Override
            public void update(String task, long done, long total, String note) {
                progress.update(task, done, total, note);
                checkpoint();
            }

            @Override
            public void note(String line) {
                progress.note(line);
            }
        };
    }
}
