package org.probelab.dsl

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.probelab.data.Word
import org.probelab.represent.GenreTask

/** What is probed: a word column's label for each word, a relation for each edge, or a sentence's label. */
@Serializable
sealed class TaskSpec {
    /** The task's name in core's vocabulary ([org.probelab.represent.Task.named]). */
    abstract val engineName: String

    /** The word column the labels come from; null for the sentence task. */
    internal abstract val wordColumn: Int?

    /** Universal part of speech (column UPOS). */
    @Serializable
    @SerialName("pos")
    object Pos : TaskSpec() {
        override val engineName: String get() = "pos"
        override val wordColumn: Int get() = Word.UPOS
        override fun toString() = "pos"
    }

    /** Language-specific part of speech (column XPOS). */
    @Serializable
    @SerialName("xpos")
    object Xpos : TaskSpec() {
        override val engineName: String get() = "xpos"
        override val wordColumn: Int get() = Word.XPOS
        override fun toString() = "xpos"
    }

    /** The dependency relation of each head→dependent edge, without subtypes (`nmod`). */
    @Serializable
    @SerialName("dep")
    object Dep : TaskSpec() {
        override val engineName: String get() = "dep"
        override val wordColumn: Int get() = Word.DEPREL
        override fun toString() = "dep"
    }

    /** The dependency relation of each edge with subtypes (`nmod:poss`). */
    @Serializable
    @SerialName("dep-full")
    object DepFull : TaskSpec() {
        override val engineName: String get() = "dep-full"
        override val wordColumn: Int get() = Word.DEPREL
        override fun toString() = "depFull"
    }

    /** The label of each sentence. */
    @Serializable
    @SerialName("sentence")
    object SentenceLabel : TaskSpec() {
        override val engineName: String get() = "sentence"
        override val wordColumn: Int? get() = null
        override fun toString() = "sentence"
    }

    /**
     * The genre each sentence's id starts with, as UD EWT's do (`answers`, `email`, `newsgroup`, `reviews`,
     * `weblog`): a sentence task on a treebank that has no sentence labels.
     */
    @Serializable
    @SerialName("genre")
    object Genre : TaskSpec() {
        override val engineName: String get() = GenreTask.NAME
        override val wordColumn: Int? get() = null
        override fun toString() = "genre"
    }

    /** The value in word column [index] (0-based; words with `_` there are skipped). */
    @Serializable
    @SerialName("column")
    data class Column(val index: Int) : TaskSpec() {
        init {
            if (index < 0) {
                throw DeclarationException("task", "column($index): columns count from 0 (in CoNLL-U 3 is UPOS, 7 DEPREL)")
            }
        }

        override val engineName: String get() = "column:$index"
        override val wordColumn: Int get() = index
        override fun toString() = "column($index)"
    }

    /** Fails when [data] is known not to have what this task reads; other data is checked when it runs. */
    internal fun checkServableBy(data: DataSpec) {
        val column = wordColumn
        if (this == Genre) {
            if (data.genreIds == false) {
                throw DeclarationException(
                    "task",
                    "genre reads the genre a sentence id starts with (UD EWT's answers-…, email-…) and the ids of " +
                        "${data.source} give no two genres; use ud(\"en_ewt\"), conllu(...) data with such ids, " +
                        "or task = sentence for data with sentence labels",
                )
            }
            return
        }
        if (column == null) {
            if (data.sentenceLabels == false) {
                throw DeclarationException(
                    "task",
                    "$this needs sentence labels and ${data.source} has none; use a word task (pos, xpos, dep, " +
                        "depFull, column(N)), or data with labels: tsv(...), demoTreebank(), or conllu(...) with " +
                        "'# label = ...' comments",
                )
            }
            return
        }
        val columns = data.wordColumns ?: return
        if (columns == 0) {
            throw DeclarationException(
                "task",
                "$this reads word column $column and ${data.source} has only sentence labels; use task = sentence, " +
                    "or annotated data: conllu(...), ud(...) or demoTreebank()",
            )
        }
        if (column >= columns) {
            throw DeclarationException(
                "task",
                "$this reads word column $column and ${data.source} has word columns 0..${columns - 1}; choose a " +
                    "column below $columns, or conllu(...) data with more columns",
            )
        }
    }
}
