package org.probelab.train;

import java.util.ArrayList;
import java.util.List;

/**
 * What a training stage recorded: every optimizer step's loss, rate and gradient norm, and every dev
 * evaluation. Kept in checkpoints, so a resumed stage has its whole history.
 */
public record TrainingCurves(List<StepPoint> steps, List<EvalPoint> evaluations) {
    public TrainingCurves {
        steps = List.copyOf(steps);
        evaluations = List.copyOf(evaluations);
    }

    /** One optimizer step (0-based) of epoch {@code epoch} (0-based). */
    public record StepPoint(long step, int epoch, double loss, double learningRate, double gradientNorm) {
    }

    /**
     * A dev evaluation after {@code step} steps; loss over rows whose label training has seen. A masked-LM stage's
     * dev is its held-out text, and where its recipe ends in fine-tuning, {@code downstreamDevAccuracy} is the
     * dev accuracy of the {@link DownstreamProbe} on that task (null elsewhere).
     */
    public record EvalPoint(long step, int epoch, double devLoss, double devAccuracy, Double downstreamDevAccuracy) {
        /** An evaluation without a downstream score. */
        public EvalPoint(long step, int epoch, double devLoss, double devAccuracy) {
            this(step, epoch, devLoss, devAccuracy, null);
        }
    }

    public static TrainingCurves empty() {
        return new TrainingCurves(List.of(), List.of());
    }

    TrainingCurves with(StepPoint point) {
        List<StepPoint> more = new ArrayList<>(steps);
        more.add(point);
        return new TrainingCurves(more, evaluations);
    }

    TrainingCurves with(EvalPoint point) {
        List<EvalPoint> more = new ArrayList<>(evaluations);
        more.add(point);
        return new TrainingCurves(steps, more);
    }
}
