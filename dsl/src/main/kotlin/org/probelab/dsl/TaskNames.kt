package org.probelab.dsl

/** The tasks a declaration can name: what `task = ...` probes and what `fineTune(task = ...)` trains on. */
interface TaskNames {
    val pos: TaskSpec get() = TaskSpec.Pos
    val xpos: TaskSpec get() = TaskSpec.Xpos
    val dep: TaskSpec get() = TaskSpec.Dep
    val depFull: TaskSpec get() = TaskSpec.DepFull
    val sentence: TaskSpec get() = TaskSpec.SentenceLabel
    val genre: TaskSpec get() = TaskSpec.Genre

    /** The label in word column [index] (0-based) of CoNLL-U-like data. */
    fun column(index: Int): TaskSpec = TaskSpec.Column(index)
}
