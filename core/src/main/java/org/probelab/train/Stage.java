package org.probelab.train;

import java.io.IOException;

/**
 * One step of a training recipe: takes a model and gives a model. A stage writes its result as a
 * snapshot — a model directory that {@code ModelStore.load} reads like any other — and keeps resumable
 * checkpoints in a work directory while it runs. Fine-tuning on a labelled task is one kind
 * ({@link FineTuneStage}); masked-LM stages (further pre-training, domain and task transfer) are meant
 * to be others, sharing {@link Stages}, {@link Checkpoints}, {@link TrainingCurves} and {@link AdamW}.
 */
public interface Stage {
    /** A short name for directories, tables and messages, e.g. {@code finetune-pos}. */
    String name();

    /** What the stage was asked to do, stored in its snapshot (a record Jackson can write). */
    Object spec();

    /**
     * Trains a copy of {@code context.input()} and writes the snapshot into {@code context.snapshotDir()}.
     * Called again after an interruption, it resumes from the last checkpoint in {@code context.workDir()}.
     *
     * @throws TrainingDivergedException when the loss becomes NaN or diverges
     */
    StageResult run(StageContext context) throws IOException;
}
