package org.probelab.dsl

import kotlinx.serialization.Serializable
import org.probelab.model.ComputePrecision
import org.probelab.represent.ExtractionOptions
import org.probelab.represent.Precision
import org.probelab.represent.SentencePooling
import org.probelab.represent.WordPooling

/** How vectors are taken from the model; every default is core's [ExtractionOptions.DEFAULTS]. */
@Serializable
data class ExtractionSpec(
    val wordPooling: WordPooling = ExtractionOptions.DEFAULTS.wordPooling(),
    val sentencePooling: SentencePooling = ExtractionOptions.DEFAULTS.sentencePooling(),
    val precision: Precision = ExtractionOptions.DEFAULTS.precision(),
    val tokenBudget: Int = ExtractionOptions.DEFAULTS.tokenBudget(),
    val windowStride: Int = ExtractionOptions.DEFAULTS.windowStride(),
    val compute: ComputePrecision = ExtractionOptions.DEFAULTS.compute(),
) {
    init {
        if (tokenBudget <= 0) {
            throw DeclarationException(
                "extraction.tokenBudget",
                "$tokenBudget padded tokens per encoder call is not positive; " +
                    "the default is ${ExtractionOptions.DEFAULTS.tokenBudget()}",
            )
        }
        if (windowStride < 0) {
            throw DeclarationException(
                "extraction.windowStride",
                "$windowStride is negative; give subwords between window starts, " +
                    "or ${ExtractionOptions.HALF_WINDOW} for half the encoder's window",
            )
        }
    }

    /** Core's options; the layers are set by the runner from the experiment's layers. */
    fun toOptions(): ExtractionOptions =
        ExtractionOptions(wordPooling, sentencePooling, precision, emptyList(), tokenBudget, windowStride, compute)
}
