package org.probelab.dsl

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.probelab.data.DataSources
import org.probelab.data.UniversalDependencies

/** The fields of a CoNLL-U word line, ID to MISC. */
private const val CONLLU_COLUMNS = 10

/**
 * The data probed, with what can be known about it before it is read: how many annotation columns
 * every word has and whether sentences carry labels (null where only reading the files can tell).
 */
@Serializable
sealed class DataSpec {
    /** The source string core's [DataSources.open] reads. */
    abstract val source: String

    /** Columns every word has, when knowable at declaration. */
    internal abstract val wordColumns: Int?

    /** Whether sentences carry labels, when knowable at declaration. */
    internal abstract val sentenceLabels: Boolean?

    /** Whether sentence ids start with one of several genres (the `genre` task), when knowable at declaration. */
    internal abstract val genreIds: Boolean?

    /** The generated demo treebank: UD-style trees with UPOS, XPOS, relations and a sentence label. */
    @Serializable
    @SerialName("demo")
    data class Demo(val sentences: Int = DataSources.DEMO_SENTENCES) : DataSpec() {
        init {
            if (sentences < DataSources.DEMO_MIN_SENTENCES) {
                throw DeclarationException(
                    "data",
                    "demoTreebank(sentences = $sentences) is too small to split into train, dev and test; " +
                        "use at least ${DataSources.DEMO_MIN_SENTENCES} (the default is ${DataSources.DEMO_SENTENCES})",
                )
            }
        }

        override val source: String get() = "demo:$sentences"
        override val wordColumns: Int get() = CONLLU_COLUMNS
        override val sentenceLabels: Boolean get() = true
        override val genreIds: Boolean get() = false
    }

    /** A Universal Dependencies treebank by name, downloaded once and verified. */
    @Serializable
    @SerialName("ud")
    data class Ud(val treebank: String) : DataSpec() {
        init {
            val known = UniversalDependencies.treebanks().sorted()
            if (treebank !in known) {
                throw DeclarationException("data", "ud(\"$treebank\") is not a treebank probelab knows; use one of $known")
            }
        }

        override val source: String get() = "ud:$treebank"
        override val wordColumns: Int get() = CONLLU_COLUMNS
        override val sentenceLabels: Boolean get() = false
        override val genreIds: Boolean? get() = if (treebank == "en_ewt") true else null
    }

    /**
     * CoNLL-U files: one directory holding `*train*`, `*dev*` and `*test*` files, three files
     * (train, dev, test), or one file split by sentence position.
     */
    @Serializable
    @SerialName("conllu")
    data class Conllu(val paths: List<String>) : DataSpec() {
        init {
            checkPaths("conllu", paths)
        }

        override val source: String get() = "conllu:" + paths.joinToString(",")
        override val wordColumns: Int? get() = null
        override val sentenceLabels: Boolean? get() = null
        override val genreIds: Boolean? get() = null
    }

    /** `text<TAB>label` files for sentence classification, arranged like [Conllu]'s. */
    @Serializable
    @SerialName("tsv")
    data class Tsv(val paths: List<String>) : DataSpec() {
        init {
            checkPaths("tsv", paths)
        }

        override val source: String get() = "tsv:" + paths.joinToString(",")
        override val wordColumns: Int get() = 0
        override val sentenceLabels: Boolean get() = true
        override val genreIds: Boolean get() = false
    }
}

private fun checkPaths(format: String, paths: List<String>) {
    if (paths.size != 1 && paths.size != 3) {
        throw DeclarationException(
            "data",
            "$format(...) takes one directory or file, or three files (train, dev, test); got ${paths.size}" +
                if (paths.isEmpty()) "" else ": $paths",
        )
    }
    paths.firstOrNull { it.isBlank() }?.let {
        throw DeclarationException("data", "$format(...) got an empty path in $paths")
    }
    // The source string separates files by commas, so a comma inside a path would split it.
    paths.firstOrNull { ',' in it }?.let {
        throw DeclarationException("data", "$format(...): path '$it' contains a comma; rename or link it")
    }
}
