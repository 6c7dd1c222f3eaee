package org.probelab.dsl

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.probelab.model.ComputePrecision
import org.probelab.represent.WordPooling
import org.probelab.train.FineTuneSettings
import org.probelab.train.FineTuneSpec
import org.probelab.train.FineTuneStage
import org.probelab.train.SentenceFeature
import org.probelab.train.Stage

/**
 * A training stage of an experiment: takes the model as the previous stage left it and gives a new
 * one, which is snapshotted and probed like the pretrained model: fine-tuning ([FineTuneStageSpec]),
 * the masked-LM stages ([MaskedLmStageSpec]) and self-distillation ([SelfDistillStageSpec]).
 */
@Serializable
sealed class StageSpec {
    /** Core's stage. */
    abstract fun toStage(): Stage

    /** Fails, naming [field], for what is knowable before the run: a task the data cannot label, a missing layer. */
    internal abstract fun checkAgainst(model: ModelSpec, data: DataSpec, field: String)
}

/**
 * Fine-tuning on a labelled task with a head on top of BERT; every default is core's
 * [FineTuneSettings.DEFAULTS] (BERT's and Sun et al.'s settings).
 */
@Serializable
@SerialName("fine-tune")
data class FineTuneStageSpec(
    val task: TaskSpec,
    val epochs: Int = DEFAULTS.epochs(),
    val batchSize: Int = DEFAULTS.batchSize(),
    val learningRate: Double = DEFAULTS.learningRate().toDouble(),
    val warmupFraction: Double = DEFAULTS.warmupFraction().toDouble(),
    val weightDecay: Double = DEFAULTS.weightDecay().toDouble(),
    val clipNorm: Double = DEFAULTS.clipNorm().toDouble(),
    val layerDecay: Double = DEFAULTS.layerDecay().toDouble(),
    val freezeEmbeddings: Boolean = DEFAULTS.freezeEmbeddings(),
    val frozenLayers: Int = DEFAULTS.frozenLayers(),
    val maxSequenceLength: Int = DEFAULTS.maxSequenceLength(),
    val microBatchTokens: Int = DEFAULTS.microBatchTokens(),
    val evalEverySteps: Int = DEFAULTS.evalEverySteps(),
    val patience: Int = DEFAULTS.patience(),
    val wordPooling: WordPooling = DEFAULTS.wordPooling(),
    val sentenceFeature: SentenceFeature = DEFAULTS.sentenceFeature(),
    val lastLayers: Int = DEFAULTS.lastLayers(),
    val seed: Long = DEFAULTS.seed(),
    val precision: ComputePrecision = DEFAULTS.precision(),
) : StageSpec() {
    init {
        try {
            settings()
        } catch (e: IllegalArgumentException) {
            // Core names the setting ("fine-tuning setting learningRate must be ..."): point at the DSL field.
            val field = FIELD.find(e.message.orEmpty())?.groupValues?.get(1) ?: "fineTune"
            throw DeclarationException("fineTune.$field", e.message.orEmpty())
        }
    }

    override fun checkAgainst(model: ModelSpec, data: DataSpec, field: String) {
        try {
            task.checkServableBy(data)
        } catch (e: DeclarationException) {
            throw DeclarationException("$field.task", e.message.orEmpty().removePrefix("task: "))
        }
        val layers = model.hiddenStates?.minus(1) ?: return
        if (frozenLayers > layers) {
            throw DeclarationException(
                "$field.frozenLayers",
                "freeze(firstLayers($frozenLayers)) but $model has only $layers layers",
            )
        }
        if (sentenceFeature == SentenceFeature.CONCAT_LAST && lastLayers > layers) {
            throw DeclarationException(
                "$field.lastLayers",
                "lastLayersCls($lastLayers) but $model has only $layers layers",
            )
        }
    }

    /** Core's settings. */
    fun settings(): FineTuneSettings = DEFAULTS.toBuilder()
        .epochs(epochs).batchSize(batchSize).learningRate(learningRate.toFloat())
        .warmupFraction(warmupFraction.toFloat()).weightDecay(weightDecay.toFloat()).clipNorm(clipNorm.toFloat())
        .layerDecay(layerDecay.toFloat()).freezeEmbeddings(freezeEmbeddings).frozenLayers(frozenLayers)
        .maxSequenceLength(maxSequenceLength).microBatchTokens(microBatchTokens).evalEverySteps(evalEverySteps)
        .patience(patience).wordPooling(wordPooling).sentenceFeature(sentenceFeature).lastLayers(lastLayers)
        .seed(seed).precision(precision).build()

    override fun toStage(): Stage = FineTuneStage(FineTuneSpec(task.engineName, settings()))

    override fun toString() = "fineTune(task = $task)"

    private companion object {
        val DEFAULTS: FineTuneSettings = FineTuneSettings.DEFAULTS
        val FIELD = Regex("fine-tuning setting (\\w+)")
    }
}
