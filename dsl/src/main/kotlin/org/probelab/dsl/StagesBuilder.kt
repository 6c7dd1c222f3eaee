package org.probelab.dsl

import org.probelab.model.ComputePrecision
import org.probelab.train.MlmSpec
import org.probelab.train.SentenceFeature

/** The body of `stages { }`: the training recipe, run in order. */
@ExperimentDsl
class StagesBuilder internal constructor() : TaskNames {
    private val stages = mutableListOf<StageSpec>()

    /** Fine-tunes the model on [task] with a task head; see [FineTuneBuilder] for the settings. */
    fun fineTune(task: TaskSpec, configure: FineTuneBuilder.() -> Unit = {}) {
        stages += FineTuneBuilder(task).apply(configure).build()
    }

    /** General pre-training from scratch on [corpus] (a corpus source, e.g. `text:FILE`); see [PretrainBuilder]. */
    fun pretrain(corpus: String, configure: PretrainBuilder.() -> Unit = {}) {
        stages += PretrainBuilder(corpus).apply(configure).build()
    }

    /** Further masked-LM pre-training on in-domain text [corpus] (e.g. `ud:en_ewt;genre=reviews`). */
    fun domainTransfer(corpus: String, configure: MaskedLmBuilder.() -> Unit = {}) {
        stages += MaskedLmBuilder(MlmSpec.Kind.DOMAIN_TRANSFER, corpus).apply(configure).build()
    }

    /** Further masked-LM pre-training on the text of the experiment's own training split. */
    fun taskTransfer(configure: MaskedLmBuilder.() -> Unit = {}) {
        stages += MaskedLmBuilder(MlmSpec.Kind.TASK_TRANSFER, null).apply(configure).build()
    }

    /**
     * Self-distillation: a student learns the task of the stage before (the teacher: `fineTune` or another
     * `selfDistill`) from the teacher's soft labels and the gold ones; see [SelfDistillBuilder].
     */
    fun selfDistill(configure: SelfDistillBuilder.() -> Unit = {}) {
        val task = when (val teacher = stages.lastOrNull()) {
            is FineTuneStageSpec -> teacher.task
            is SelfDistillStageSpec -> teacher.training.task
            else -> throw DeclarationException(
                "stages[${stages.size}]",
                "selfDistill learns from a fine-tuned teacher, the stage before it: put fineTune(task = ...) first",
            )
        }
        stages += SelfDistillBuilder(task).apply(configure).buildStage()
    }

    /** The stages; when the recipe ends in fine-tuning, its masked-LM stages probe that task as they go. */
    internal fun build(): List<StageSpec> {
        val task = when (val last = stages.lastOrNull()) {
            is FineTuneStageSpec -> last.task
            is SelfDistillStageSpec -> last.training.task
            else -> null
        }
        return stages.map { if (it is MaskedLmStageSpec && it.probeDownstream) it.copy(downstream = task) else it }
    }
}

/**
 * The body of `fineTune(task) { }`; what is not set keeps the papers' defaults (epochs 3, batch 32,
 * learning rate 2e-5 with 10% warm-up and linear decay, weight decay 0.01, clipping at 1.0, layer-wise
 * decay 0.95).
 */
@ExperimentDsl
open class FineTuneBuilder internal constructor(private val task: TaskSpec) {
    private val defaults = FineTuneStageSpec(task)
    var epochs: Int = defaults.epochs
    var batchSize: Int = defaults.batchSize
    var learningRate: Double = defaults.learningRate
    var warmupFraction: Double = defaults.warmupFraction
    var weightDecay: Double = defaults.weightDecay
    var clipNorm: Double = defaults.clipNorm

    /** ξ: each layer learns at ξ times the rate of the layer above; 1 for one rate everywhere. */
    var layerDecay: Double = defaults.layerDecay
    var maxSequenceLength: Int = defaults.maxSequenceLength

    /** Padded tokens per forward/backward pass; larger batches are split and their gradients accumulated. */
    var microBatchTokens: Int = defaults.microBatchTokens

    /** Dev evaluation every this many steps; 0 = at the end of every epoch. */
    var evalEverySteps: Int = defaults.evalEverySteps
    var patience: Int = defaults.patience
    var seed: Long = defaults.seed

    /**
     * The arithmetic of training: [float32] (the default) or [bf16], as `extraction { precision }` has it;
     * weights and the optimizer's moments stay float32.
     */
    var precision: ComputePrecision = defaults.precision
    val float32: ComputePrecision get() = ComputePrecision.FLOAT32
    val bf16: ComputePrecision get() = ComputePrecision.BF16

    /** How token and edge heads pool a word's subwords: [mean] or [first], as the probes do. */
    var pooling: WordPoolingChoice = Pooling.of(defaults.wordPooling)
    val mean: Pooling.Mean get() = Pooling.Mean
    val first: Pooling.FirstSubword get() = Pooling.FirstSubword

    /** What a sentence head reads: [pooler], [meanOfLastLayer] or [lastLayersCls] (Sun et al. 2019). */
    var sentenceFeature: SentenceFeature = defaults.sentenceFeature
    val pooler: SentenceFeature get() = SentenceFeature.POOLER
    val meanOfLastLayer: SentenceFeature get() = SentenceFeature.MEAN

    /** The [CLS] vectors of the last [k] layers side by side. */
    fun lastLayersCls(k: Int): SentenceFeature {
        lastLayers = k
        return SentenceFeature.CONCAT_LAST
    }

    private var lastLayers: Int = defaults.lastLayers
    private var freezeEmbeddings = defaults.freezeEmbeddings
    private var frozenLayers = defaults.frozenLayers

    /** The embedding tables and their LayerNorm, for [freeze]. */
    val embeddings: Frozen get() = Frozen.Embeddings

    /** The lowest [k] transformer layers, for [freeze]. */
    fun firstLayers(k: Int): Frozen = Frozen.FirstLayers(k)

    /** Keeps parts of the model as they are: `freeze(embeddings)`, `freeze(firstLayers(4))`. */
    fun freeze(vararg parts: Frozen) {
        for (part in parts) {
            when (part) {
                Frozen.Embeddings -> freezeEmbeddings = true
                is Frozen.FirstLayers -> frozenLayers = part.k
            }
        }
    }

    internal fun build() = FineTuneStageSpec(
        task, epochs, batchSize, learningRate, warmupFraction, weightDecay, clipNorm, layerDecay, freezeEmbeddings,
        frozenLayers, maxSequenceLength, microBatchTokens, evalEverySteps, patience, pooling.wordPooling,
        sentenceFeature, lastLayers, seed, precision,
    )
}

/** A part of the model to freeze. */
sealed interface Frozen {
    object Embeddings : Frozen

    data class FirstLayers(val k: Int) : Frozen
}
