package org.probelab.dsl

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.probelab.data.DataFormatException
import org.probelab.data.corpus.Corpora
import org.probelab.data.corpus.EmptyCorpusException
import org.probelab.train.DownstreamProbe
import org.probelab.train.MlmSettings
import org.probelab.train.MlmSpec
import org.probelab.train.MlmStage
import org.probelab.train.Stage
import org.probelab.train.mlm.DynamicMasking
import org.probelab.train.mlm.MaskPolicy
import org.probelab.train.mlm.MaskRule
import org.probelab.train.mlm.SequencePacker
import org.probelab.train.mlm.StaticMasking
import org.probelab.train.mlm.SelectiveMasking
import org.probelab.train.mlm.WholeWordMasking
import org.probelab.train.selective.ImportanceScorer
import org.probelab.train.selective.SelectiveMaskingSpec

/**
 * A masked-LM stage: general pre-training from scratch ([MlmSpec.Kind.PRETRAIN]), domain transfer on in-domain
 * text, or task transfer on the task data's own train text (docs/pretraining.md). Every default is core's:
 * [MlmSettings.PRETRAINING] (BERT) for pre-training, [MlmSettings.FURTHER_PRETRAINING] (Sun et al. 2019) for
 * the transfer stages, and BERT's 15% / 80% / 10% masking rule.
 *
 * @property corpus a corpus source (`text:PATH`, `ud:en_ewt;genre=reviews`, any data source); null for task
 *                  transfer, which reads the experiment data's train split
 * @property architecture the shape pre-training trains from scratch; null: the experiment model's
 * @property probeDownstream whether, when the recipe ends in fine-tuning, every evaluation also scores a linear
 *                  probe on that task (core's [DownstreamProbe]), whose dev accuracy then picks the best checkpoint
 * @property downstream the task of that probe, set by the recipe from its last stage; null: none
 */
@Serializable
@SerialName("masked-lm")
data class MaskedLmStageSpec(
    val kind: MlmSpec.Kind,
    val corpus: String? = null,
    val architecture: ArchitectureSpec? = null,
    val maskPolicy: MaskPolicySpec = MaskPolicySpec.Dynamic,
    val maskRate: Double = MaskRule.BERT.rate(),
    val toMask: Double = MaskRule.BERT.toMask(),
    val toRandom: Double = MaskRule.BERT.toRandom(),
    val epochs: Int = defaults(kind).epochs(),
    val batchSize: Int = defaults(kind).batchSize(),
    val learningRate: Double = defaults(kind).learningRate().toDouble(),
    val warmupFraction: Double = defaults(kind).warmupFraction().toDouble(),
    val weightDecay: Double = defaults(kind).weightDecay().toDouble(),
    val clipNorm: Double = defaults(kind).clipNorm().toDouble(),
    val maxSequenceLength: Int = defaults(kind).maxSequenceLength(),
    val documents: SequencePacker.Documents = defaults(kind).documents(),
    val heldOutFraction: Double = defaults(kind).heldOutFraction(),
    val microBatchTokens: Int = defaults(kind).microBatchTokens(),
    val evalEverySteps: Int = defaults(kind).evalEverySteps(),
    val patience: Int = defaults(kind).patience(),
    val seed: Long = defaults(kind).seed(),
    val probeDownstream: Boolean = true,
    val downstream: TaskSpec? = null,
) : StageSpec() {
    init {
        try {
            spec()
        } catch (e: IllegalArgumentException) {
            // Core names the setting ("masked-LM setting epochs must be ...", "maskRate must be ..."): point at it.
            val message = e.message.orEmpty()
            val field = SETTING.find(message)?.groupValues?.get(1) ?: RULE.find(message)?.groupValues?.get(1)
                ?: if (message.startsWith("selective masking")) "maskPolicy" else null
            throw DeclarationException(if (field == null) dslName else "$dslName.$field", message)
        }
    }

    private val dslName: String get() = dslName(kind)

    /** A text corpus is read now, so that a missing or empty file is a declaration error, not a failed run. */
    override fun checkAgainst(model: ModelSpec, data: DataSpec, field: String) {
        val selective = maskPolicy as? MaskPolicySpec.Selective
        if (selective != null && selective.data == null) {
            try {
                selective.tuning.task.checkServableBy(data)
            } catch (e: DeclarationException) {
                throw DeclarationException("$field.maskPolicy", "selective masking's classifier: " +
                    e.message.orEmpty().removePrefix("task: "))
            }
        }
        val source = corpus ?: return
        if (source.isBlank()) {
            throw DeclarationException("$field.corpus", "$dslName needs a corpus, e.g. text:PATH or ud:en_ewt;genre=reviews")
        }
        if (source.startsWith("text:")) {
            try {
                Corpora.open(source)
            } catch (e: EmptyCorpusException) {
                throw DeclarationException("$field.corpus", e.message.orEmpty())
            } catch (e: DataFormatException) {
                throw DeclarationException("$field.corpus", e.message.orEmpty())
            }
        }
    }

    /** Core's settings. */
    fun settings(): MlmSettings = defaults(kind).toBuilder()
        .epochs(epochs).batchSize(batchSize).learningRate(learningRate.toFloat())
        .warmupFraction(warmupFraction.toFloat()).weightDecay(weightDecay.toFloat()).clipNorm(clipNorm.toFloat())
        .maxSequenceLength(maxSequenceLength).documents(documents)
        .maskPolicy(maskPolicy.toPolicy(MaskRule(maskRate, toMask, toRandom))).heldOutFraction(heldOutFraction)
        .microBatchTokens(microBatchTokens).evalEverySteps(evalEverySteps).patience(patience).seed(seed).build()

    fun spec(): MlmSpec = MlmSpec(kind, corpus, architecture?.toCore(), settings(),
        (maskPolicy as? MaskPolicySpec.Selective)?.toCore(), downstream?.let { DownstreamProbe(it.engineName) })

    override fun toStage(): Stage = MlmStage(spec())

    override fun toString() = when (kind) {
        MlmSpec.Kind.PRETRAIN -> "pretrain(\"$corpus\")"
        MlmSpec.Kind.DOMAIN_TRANSFER -> "domainTransfer(\"$corpus\")"
        MlmSpec.Kind.TASK_TRANSFER -> "taskTransfer()"
    } + " { maskPolicy = ${maskPolicy.name} }"

    internal companion object {
        private val SETTING = Regex("masked-LM setting (\\w+)")
        private val RULE = Regex("^(maskRate)")

        /** The stage as the DSL names it: `pretrain`, `domainTransfer` or `taskTransfer`. */
        fun dslName(kind: MlmSpec.Kind) = when (kind) {
            MlmSpec.Kind.PRETRAIN -> "pretrain"
            MlmSpec.Kind.DOMAIN_TRANSFER -> "domainTransfer"
            MlmSpec.Kind.TASK_TRANSFER -> "taskTransfer"
        }

        private fun defaults(kind: MlmSpec.Kind): MlmSettings =
            if (kind == MlmSpec.Kind.PRETRAIN) MlmSettings.PRETRAINING else MlmSettings.FURTHER_PRETRAINING
    }
}

/** The shape of a BERT pre-trained from scratch: `architecture(layers = 4, hidden = 256)`. */
@Serializable
data class ArchitectureSpec(val layers: Int, val hidden: Int, val heads: Int, val intermediate: Int) {
    fun toCore() = MlmSpec.Architecture(layers, hidden, heads, intermediate)
}

/** Which positions a masked-LM stage predicts and when masks are drawn again (core's [MaskPolicy]). */
@Serializable
sealed class MaskPolicySpec {
    /** The name figures and tables show. */
    abstract val name: String

    abstract fun toPolicy(rule: MaskRule): MaskPolicy

    /** BERT's static masks: [copies] copies of the data, each with its own mask, the same every epoch. */
    @Serializable
    @SerialName("static")
    data class Static(val copies: Int = StaticMasking.DUPLICATES) : MaskPolicySpec() {
        override val name get() = StaticMasking.NAME
        override fun toPolicy(rule: MaskRule): MaskPolicy = StaticMasking(rule, copies)
    }

    /** RoBERTa's dynamic masks: a fresh mask every epoch. */
    @Serializable
    @SerialName("dynamic")
    object Dynamic : MaskPolicySpec() {
        override val name get() = DynamicMasking.NAME
        override fun toPolicy(rule: MaskRule): MaskPolicy = DynamicMasking(rule)
    }

    /** Whole-word masks: all subwords of a chosen word together, a fresh choice every epoch. */
    @Serializable
    @SerialName("whole-word")
    object WholeWord : MaskPolicySpec() {
        override val name get() = WholeWordMasking.NAME
        override fun toPolicy(rule: MaskRule): MaskPolicy = WholeWordMasking(rule)
    }

    /**
     * Selective masking (Gu et al. 2020; docs/selective-masking.md): the stage's input model is fine-tuned into a
     * classifier on the sentence [task] of [data] (null: the experiment's data), the words that decide its label
     * are scored (threshold [delta]), a tagger learns to mark such words and marks the stage's text, and only
     * marked subwords are masked, afresh every epoch.
     *
     * @property tuning how the classifier and the tagger are fine-tuned
     */
    @Serializable
    @SerialName("selective")
    data class Selective(
        val tuning: FineTuneStageSpec,
        val data: String? = null,
        val delta: Double = ImportanceScorer.DEFAULT_DELTA,
    ) : MaskPolicySpec() {
        init {
            try {
                toCore()
            } catch (e: IllegalArgumentException) {
                throw DeclarationException("maskPolicy", e.message.orEmpty())
            }
        }

        override val name get() = SelectiveMasking.NAME

        /** The rule's carrier: the stage masks dynamically among the marked words once it has made them. */
        override fun toPolicy(rule: MaskRule): MaskPolicy = DynamicMasking(rule)

        fun toCore() = SelectiveMaskingSpec(tuning.task.engineName, data, delta, tuning.settings())
    }
}
