package org.probelab.dsl

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.probelab.model.EasyBert

/** The model whose layers are probed. */
@Serializable
sealed class ModelSpec {
    /** What core's model store loads: a model id or a directory. */
    abstract val source: String

    /** Hidden states (embeddings plus one per layer) when known without loading the model, else null. */
    abstract val hiddenStates: Int?

    /** BERT-base uncased, the paper's model, shipped as a Maven artifact. */
    @Serializable
    @SerialName("bert-base")
    object BertBase : ModelSpec() {
        override val source: String get() = EasyBert.ID
        override val hiddenStates: Int get() = EasyBert.config().numHiddenStates()
        override fun toString() = "bertBase()"
    }

    /** A BERT directory in Google's or Hugging Face's layout; its size is known only once loaded. */
    @Serializable
    @SerialName("directory")
    data class Directory(val path: String) : ModelSpec() {
        init {
            if (path.isBlank()) throw DeclarationException("model", "bert(...) needs the path of a model directory")
        }

        override val source: String get() = path
        override val hiddenStates: Int? get() = null
        override fun toString() = "bert(\"$path\")"
    }
}
