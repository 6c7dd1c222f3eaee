package org.probelab.geometry;

import org.probelab.Progress;

/**
 * The progress of one phase of a DirectProbe run (the label-pair screening, the merges, the cluster distances,
 * the test rows), reported from any worker thread: reports are serialised, since displays expect one caller
 * at a time. Every report is also where a stop asked for by the user ({@code Interruption.checking}) unwinds
 * the run: at EWT layer 0 the merge search alone takes tens of minutes, so it reports at every merge tried.
 */
final class PhaseProgress {
    private final Progress progress;
    private final String task;
    private final long total;
    private long done;

    /**
     * Reports the phase at 0 of {@code total}. A phase with nothing to do ({@code total} 0: no label pair to
     * screen, no merge to simulate) reports nothing: displays count a task as finished only once it has done
     * some of its units, and would show it running for ever.
     */
    PhaseProgress(Progress progress, String task, long total) {
        this.progress = total > 0 ? progress : Progress.NONE;
        this.task = task;
        this.total = total;
        this.progress.update(task, 0, total);
    }

    /** {@code units} more done (0 still reports, so a step that made no progress can be stopped at). */
    synchronized void advance(long units, String note) {
        done = Math.min(total, done + units);
        progress.update(task, done, total, note);
    }

    void advance(long units) {
        advance(units, "");
    }

    /** {@code doneSoFar} units done in all (a phase that counts rounds rather than steps). */
    synchronized void reach(long doneSoFar) {
        done = Math.min(total, Math.max(done, doneSoFar));
        progress.update(task, done, total);
    }

    /** The phase is over: its bar ends full even where fewer units than the bound were needed. */
    synchronized void finish(String note) {
        done = total;
        progress.update(task, done, total, note);
    }
}
