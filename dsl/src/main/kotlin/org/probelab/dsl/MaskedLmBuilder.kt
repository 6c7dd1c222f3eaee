package org.probelab.dsl

import org.probelab.train.MlmSpec
import org.probelab.train.mlm.SequencePacker
import org.probelab.train.selective.ImportanceScorer

/**
 * The body of `pretrain(corpus) { }`, `domainTransfer(corpus) { }` and `taskTransfer { }`; what is not set keeps
 * the papers' defaults (docs/pretraining.md): 15% masked, 80% [MASK] / 10% random / 10% unchanged, dynamic
 * masks, 128-subword sequences, AdamW with warm-up and linear decay (rate 1e-4 from scratch, 5e-5 for transfer).
 */
@ExperimentDsl
open class MaskedLmBuilder internal constructor(private val kind: MlmSpec.Kind, private val corpus: String?) : TaskNames {
    private val defaults = MaskedLmStageSpec(kind, corpus)

    /** Which positions are predicted: [static], [static] with `(copies)`, [dynamic], [wholeWord] or [selective]. */
    var maskPolicy: MaskPolicySpec = defaults.maskPolicy
    val static: MaskPolicySpec get() = MaskPolicySpec.Static()
    fun static(copies: Int): MaskPolicySpec = MaskPolicySpec.Static(copies)
    val dynamic: MaskPolicySpec get() = MaskPolicySpec.Dynamic
    val wholeWord: MaskPolicySpec get() = MaskPolicySpec.WholeWord

    /**
     * Selective masking (Gu et al. 2020): only the words a classifier on the sentence [task] finds decisive are
     * masked. The classifier learns from [data] (a data source; null: the experiment's data) with threshold
     * [delta] (0.02, the authors'); [tuning] sets how it and the tagger that marks the text are fine-tuned, as
     * `fineTune { }` does. See [MaskPolicySpec.Selective].
     */
    fun selective(
        task: TaskSpec = TaskSpec.SentenceLabel,
        data: String? = null,
        delta: Double = ImportanceScorer.DEFAULT_DELTA,
        tuning: FineTuneBuilder.() -> Unit = {},
    ): MaskPolicySpec = try {
        MaskPolicySpec.Selective(FineTuneBuilder(task).apply(tuning).build(), data, delta)
    } catch (e: DeclarationException) {
        // The tuning's fields as this stage's `selective(...)` declares them, e.g. domainTransfer.selective.epochs.
        val field = e.field.replaceFirst("fineTune", "selective")
        throw DeclarationException("${MaskedLmStageSpec.dslName(kind)}.$field", e.message.orEmpty().removePrefix("${e.field}: "))
    }

    /** Share of the subwords predicted, in (0, 1). */
    var maskRate: Double = defaults.maskRate
    var epochs: Int = defaults.epochs
    var batchSize: Int = defaults.batchSize
    var learningRate: Double = defaults.learningRate
    var warmupFraction: Double = defaults.warmupFraction
    var weightDecay: Double = defaults.weightDecay
    var clipNorm: Double = defaults.clipNorm
    var maxSequenceLength: Int = defaults.maxSequenceLength

    /** Whether a sequence never crosses a document boundary (RoBERTa's DOC-SENTENCES); joined with [SEP] by default. */
    var keepDocumentsApart: Boolean = defaults.documents == SequencePacker.Documents.KEEP_APART

    /** Share of the corpus's documents held out for the masked-LM loss. */
    var heldOutFraction: Double = defaults.heldOutFraction

    /** Padded tokens per forward/backward pass; larger batches are split and their gradients summed. */
    var microBatchTokens: Int = defaults.microBatchTokens

    /** Held-out evaluation every this many steps; 0 = at the end of every epoch. */
    var evalEverySteps: Int = defaults.evalEverySteps
    var patience: Int = defaults.patience
    var seed: Long = defaults.seed

    /**
     * When the recipe ends in fine-tuning: a linear probe on that task scored at every evaluation (its dev accuracy
     * picks the best checkpoint and counts patience; docs/pretraining.md). False: the held-out loss alone.
     */
    var probeDownstream: Boolean = defaults.probeDownstream

    internal open fun architecture(): ArchitectureSpec? = null

    internal fun build() = MaskedLmStageSpec(
        kind, corpus, architecture(), maskPolicy, maskRate, defaults.toMask, defaults.toRandom, epochs, batchSize,
        learningRate, warmupFraction, weightDecay, clipNorm, maxSequenceLength,
        if (keepDocumentsApart) SequencePacker.Documents.KEEP_APART else SequencePacker.Documents.JOIN_WITH_SEP,
        heldOutFraction, microBatchTokens, evalEverySteps, patience, seed, probeDownstream,
    )
}

/** The body of `pretrain(corpus) { }`: a masked-LM stage that trains a model from scratch. */
@ExperimentDsl
class PretrainBuilder internal constructor(corpus: String) : MaskedLmBuilder(MlmSpec.Kind.PRETRAIN, corpus) {
    private var shape: ArchitectureSpec? = null

    /** Trains a model of this shape (the experiment model's vocabulary); without it, the experiment model's shape. */
    fun architecture(layers: Int, hidden: Int, heads: Int = maxOf(1, hidden / 64), intermediate: Int = 4 * hidden) {
        shape = ArchitectureSpec(layers, hidden, heads, intermediate)
    }

    override fun architecture(): ArchitectureSpec? = shape
}
