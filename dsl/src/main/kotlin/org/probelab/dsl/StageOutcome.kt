package org.probelab.dsl

import org.probelab.train.StageResult
import org.probelab.train.TrainingCurves

/**
 * One training stage of a run and the probes on its snapshot: results are indexed by
 * (stage, layer, probe) as [ExperimentResult.score] reads them. A view of the snapshot's `stage.json`
 * and of the stage's own results file (`engine/stages/<stage>/results.json`).
 *
 * @property stage    the stage's directory name, e.g. `01-finetune-pos`
 * @property snapshot the model directory the stage wrote (loadable with `bert(dir)` and `--model`)
 * @property result   the experiment's probes on the snapshot
 */
data class StageOutcome(
    val stage: String,
    val snapshot: String,
    val training: StageTraining,
    val result: ExperimentResult,
)

/**
 * What the stage's training did: steps, the step its snapshot comes from with that step's dev accuracy,
 * the optimizer's parameter groups, and its curves.
 */
data class StageTraining(
    val inputModel: String,
    val snapshotChecksum: String,
    val labels: List<String>,
    val trainExamples: Int,
    val skippedTooLong: Int,
    val steps: Long,
    val bestStep: Long,
    val bestDevAccuracy: Double,
    val stoppedEarly: Boolean,
    val parameterGroups: List<String>,
    val losses: List<StepLoss>,
    val evaluations: List<DevEvaluation>,
    val device: String,
    val seconds: Double,
)

/** One optimizer step: its training loss, the rate it was taken at and the gradient norm before clipping. */
data class StepLoss(val step: Long, val epoch: Int, val loss: Double, val learningRate: Double, val gradientNorm: Double)

/**
 * A dev evaluation after [step] steps: of the task head, or of a masked LM on its held-out text, with, where the
 * recipe ends in fine-tuning, the dev accuracy of a linear probe on that task ([downstreamDevAccuracy]).
 */
data class DevEvaluation(
    val step: Long,
    val epoch: Int,
    val devLoss: Double,
    val devAccuracy: Double,
    val downstreamDevAccuracy: Double? = null,
)

internal fun StageResult.toStageTraining() = StageTraining(
    inputModel(), snapshotChecksum(), labels(), trainExamples(), skippedTooLong(), steps(), bestStep(),
    bestDevAccuracy(), stoppedEarly(), parameterGroups(),
    curves().steps().map { it.toStepLoss() }, curves().evaluations().map { it.toDevEvaluation() },
    device(), seconds(),
)

private fun TrainingCurves.StepPoint.toStepLoss() = StepLoss(step(), epoch(), loss(), learningRate(), gradientNorm())

private fun TrainingCurves.EvalPoint.toDevEvaluation() =
    DevEvaluation(step(), epoch(), devLoss(), devAccuracy(), downstreamDevAccuracy())
