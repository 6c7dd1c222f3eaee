package org.probelab.dsl

import org.probelab.model.ComputePrecision
import org.probelab.represent.Precision
import org.probelab.represent.SentencePooling
import org.probelab.represent.WordPooling

/** The body of `extraction { }`; what is not set keeps core's defaults. */
@ExperimentDsl
class ExtractionBuilder internal constructor() {
    private var spec = ExtractionSpec()

    /** How a word's subword vectors become one: [mean] or [first]. */
    var pooling: WordPoolingChoice
        get() = Pooling.of(spec.wordPooling)
        set(value) {
            spec = spec.copy(wordPooling = value.wordPooling)
        }

    /** How a sentence becomes one vector: [cls] or [mean]. */
    var sentencePooling: SentencePoolingChoice
        get() = Pooling.of(spec.sentencePooling)
        set(value) {
            spec = spec.copy(sentencePooling = value.sentencePooling)
        }

    val mean: Pooling.Mean get() = Pooling.Mean
    val first: Pooling.FirstSubword get() = Pooling.FirstSubword
    val cls: Pooling.Cls get() = Pooling.Cls

    /** Stores cached vectors as 16-bit floats: half the disk, slightly rounded vectors. */
    var float16: Boolean
        get() = spec.precision == Precision.FLOAT16
        set(value) {
            spec = spec.copy(precision = if (value) Precision.FLOAT16 else Precision.FLOAT32)
        }

    /**
     * The arithmetic of the forward: [float32] (the default, bit-exact with the original checkpoint) or
     * [bf16], faster where the CPU has bfloat16 instructions (bench/RESULTS.md has its speed and fidelity).
     */
    var precision: ComputePrecision
        get() = spec.compute
        set(value) {
            spec = spec.copy(compute = value)
        }

    val float32: ComputePrecision get() = ComputePrecision.FLOAT32
    val bf16: ComputePrecision get() = ComputePrecision.BF16

    /** Padded tokens per encoder call; bounds memory per batch. */
    var tokenBudget: Int
        get() = spec.tokenBudget
        set(value) {
            spec = spec.copy(tokenBudget = value)
        }

    /** For inputs longer than the encoder's window: subwords between window starts (0 = half a window). */
    var windowStride: Int
        get() = spec.windowStride
        set(value) {
            spec = spec.copy(windowStride = value)
        }

    internal fun build() = spec
}

/** A way to pool subword vectors into a word vector. */
sealed interface WordPoolingChoice {
    val wordPooling: WordPooling
}

/** A way to pool a sentence into one vector. */
sealed interface SentencePoolingChoice {
    val sentencePooling: SentencePooling
}

/**
 * The poolings `extraction { }` names. `mean` fits both words and sentences, `first` only words and
 * `cls` only sentences, so `sentencePooling = first` does not compile.
 */
sealed class Pooling {
    object Mean : Pooling(), WordPoolingChoice, SentencePoolingChoice {
        override val wordPooling: WordPooling get() = WordPooling.MEAN
        override val sentencePooling: SentencePooling get() = SentencePooling.MEAN
        override fun toString() = "mean"
    }

    object FirstSubword : Pooling(), WordPoolingChoice {
        override val wordPooling: WordPooling get() = WordPooling.FIRST
        override fun toString() = "first"
    }

    object Cls : Pooling(), SentencePoolingChoice {
        override val sentencePooling: SentencePooling get() = SentencePooling.CLS
        override fun toString() = "cls"
    }

    internal companion object {
        fun of(pooling: WordPooling): WordPoolingChoice = when (pooling) {
            WordPooling.MEAN -> Mean
            WordPooling.FIRST -> FirstSubword
        }

        fun of(pooling: SentencePooling): SentencePoolingChoice = when (pooling) {
            SentencePooling.MEAN -> Mean
            SentencePooling.CLS -> Cls
        }
    }
}
