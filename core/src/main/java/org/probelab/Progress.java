package org.probelab;

/**
 * Receives progress of long-running engine work (extraction, probe training), so a CLI can draw a
 * bar and a notebook can update a display in place. Calls come from the working thread.
 */
public interface Progress {
    /** Nothing to report to. */
    Progress NONE = (task, done, total) -> { };

    /**
     * @param task  what is being done, e.g. "extract train"
     * @param done  units finished so far
     * @param total units in all (e.g. sentences, epochs)
     */
    void update(String task, long done, long total);

    /**
     * As {@link #update(String, long, long)}, with a short note on the current state, e.g.
     * {@code epoch 1/3, loss 0.412, lr 1.9e-05} for training; displays that have no room for it drop it.
     */
    default void update(String task, long done, long total, String note) {
        update(task, done, total);
    }

    /** One line for the user about what the engine decided, e.g. that it waits for another process. */
    default void note(String line) {
    }
}
