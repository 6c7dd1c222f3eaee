package org.probelab.dsl

import org.probelab.data.DataSources
import java.nio.file.Path

/** The body of `data { }`: names exactly one data set. */
@ExperimentDsl
class DataBuilder internal constructor() {
    private var chosen: DataSpec? = null

    /** The generated demo treebank. */
    fun demoTreebank(sentences: Int = DataSources.DEMO_SENTENCES) = choose(DataSpec.Demo(sentences))

    /** A Universal Dependencies treebank, e.g. `ud("en_ewt")`. */
    fun ud(treebank: String) = choose(DataSpec.Ud(treebank))

    /** CoNLL-U: a directory with train/dev/test files, three files (train, dev, test), or one file. */
    fun conllu(vararg paths: String) = choose(DataSpec.Conllu(paths.toList()))

    fun conllu(first: Path, vararg rest: Path) = conllu(*strings(first, rest))

    /** `text<TAB>label` files, given like [conllu]'s. */
    fun tsv(vararg paths: String) = choose(DataSpec.Tsv(paths.toList()))

    fun tsv(first: Path, vararg rest: Path) = tsv(*strings(first, rest))

    private fun strings(first: Path, rest: Array<out Path>) = (listOf(first) + rest).map { it.toString() }.toTypedArray()

    private fun choose(data: DataSpec) {
        chosen?.let {
            throw DeclarationException("data", "name one data set; ${it.source} is already chosen, so drop it or ${data.source}")
        }
        chosen = data
    }

    internal fun build(): DataSpec = chosen ?: throw DeclarationException(
        "data", "data { } names no data set; use demoTreebank(), ud(\"en_ewt\"), conllu(...) or tsv(...)",
    )
}
