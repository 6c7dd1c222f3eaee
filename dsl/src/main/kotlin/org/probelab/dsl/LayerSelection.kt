package org.probelab.dsl

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable

/** Which hidden states are probed: 0 is the embeddings, 1.. the encoder layers. */
@Serializable
sealed class LayerSelection {
    /** The layers as core's runner takes them: empty means every hidden state of the model. */
    internal abstract val engineLayers: List<Int>

    /** Every hidden state the model has. */
    @Serializable
    @SerialName("all")
    object All : LayerSelection() {
        override val engineLayers: List<Int> get() = emptyList()
        override fun toString() = "all"
    }

    /** The named hidden states. */
    @Serializable
    @SerialName("listed")
    data class Listed(val layers: List<Int>) : LayerSelection() {
        init {
            if (layers.isEmpty()) {
                throw DeclarationException("layers", "name at least one layer, e.g. layers(0, 4, 8, 12), or use layers = all")
            }
            layers.firstOrNull { it < 0 }?.let {
                throw DeclarationException("layers", "layer $it is negative; 0 is the embeddings, 1.. the encoder layers")
            }
        }

        override val engineLayers: List<Int> get() = layers
    }

    /** Fails for a layer [model] is known not to have; a model given by directory is checked when it runs. */
    internal fun checkAgainst(model: ModelSpec) {
        val states = model.hiddenStates ?: return
        val missing = engineLayers.filter { it >= states }
        if (missing.isNotEmpty()) {
            val last = states - 1
            throw DeclarationException(
                "layers",
                "${model.source} has hidden states 0..$last (0 = embeddings, $last = last layer); " +
                    "layer ${missing.joinToString()} does not exist: choose layers within 0..$last, or layers = all",
            )
        }
    }
}
