package org.probelab.train;

import java.util.List;
import java.util.Locale;
import org.probelab.Progress;

/**
 * Where a stage stands, saved with every checkpoint: the next batch to run (epoch and index in that
 * epoch's {@link BatchPlan}), steps taken, the reference loss for divergence, the best evaluation score so
 * far (higher is better: dev accuracy for a task head, minus the held-out loss for a masked LM) and its step
 * (-1 before the first evaluation), and the early-stopping count.
 */
record TrainerState(long step, int epoch, int batchInEpoch, double firstLoss, double bestScore,
                    long bestStep, int evalsWithoutImprovement, boolean stoppedEarly, TrainingCurves curves) {

    static TrainerState start() {
        // -1: no loss and no evaluation yet (both are >= 0 once known).
        return new TrainerState(0, 0, 0, -1, -1, -1, 0, false, TrainingCurves.empty());
    }

    TrainerState afterStep(TrainingCurves.StepPoint point, int nextBatch) {
        double first = step == 0 ? point.loss() : firstLoss;
        return new TrainerState(step + 1, epoch, nextBatch, first, bestScore, bestStep,
                evalsWithoutImprovement, stoppedEarly, curves.with(point));
    }

    TrainerState nextEpoch() {
        return new TrainerState(step, epoch + 1, 0, firstLoss, bestScore, bestStep, evalsWithoutImprovement,
                stoppedEarly, curves);
    }

    /** Reports the steps done to {@code progress}, the last step's epoch, loss and rate as the note. */
    void report(Progress progress, String stage, long totalSteps, int epochs) {
        List<TrainingCurves.StepPoint> steps = curves.steps();
        TrainingCurves.StepPoint last = steps.get(steps.size() - 1);
        progress.update(stage + " train", step, totalSteps, String.format(Locale.ROOT, "epoch %d/%d, loss %.4f, lr %.2e",
                last.epoch() + 1, epochs, last.loss(), last.learningRate()));
    }

    /** The best score of a task head: its dev accuracy. */
    double bestDevAccuracy() {
        return bestScore;
    }

    /** After a dev evaluation of a task head, scored by its accuracy. */
    TrainerState afterEvaluation(TrainingCurves.EvalPoint point, int patience) {
        return afterEvaluation(point, point.devAccuracy(), patience);
    }

    /** After an evaluation of {@code score}: a new best resets the patience count, anything else spends one. */
    TrainerState afterEvaluation(TrainingCurves.EvalPoint point, double score, int patience) {
        boolean better = bestStep < 0 || score > bestScore;
        int waited = better ? 0 : evalsWithoutImprovement + 1;
        return new TrainerState(step, epoch, batchInEpoch, firstLoss,
                better ? score : bestScore, better ? step : bestStep, waited,
                waited >= patience, curves.with(point));
    }
}
