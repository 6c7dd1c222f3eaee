package org.probelab.dsl

import java.nio.file.Path

/** The body of `model { }`: names exactly one model. */
@ExperimentDsl
class ModelBuilder internal constructor() {
    private var chosen: ModelSpec? = null

    /** BERT-base uncased, the paper's model. */
    fun bertBase() = choose(ModelSpec.BertBase)

    /** A BERT directory with Google (`bert_config.json`, checkpoint) or Hugging Face (`model.safetensors`) files. */
    fun bert(directory: String) = choose(ModelSpec.Directory(directory))

    fun bert(directory: Path) = bert(directory.toString())

    private fun choose(model: ModelSpec) {
        chosen?.let { throw DeclarationException("model", "name one model; $it is already chosen, so drop it or $model") }
        chosen = model
    }

    internal fun build(): ModelSpec =
        chosen ?: throw DeclarationException("model", "model { } names no model; use bertBase() or bert(\"path/to/dir\")")
}
