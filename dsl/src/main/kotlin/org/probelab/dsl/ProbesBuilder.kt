package org.probelab.dsl

import org.probelab.probe.ControlTask
import org.probelab.probe.ProbeKind

/** The body of `probes { }`: the probe kinds, how their configs are chosen, and the seeds. */
@ExperimentDsl
class ProbesBuilder internal constructor() {
    private val kinds = mutableListOf<ProbeKind>()

    /** A two-hidden-layer ReLU classifier. */
    fun mlp() {
        kinds += ProbeKind.MLP
    }

    /** Softmax regression. */
    fun linear() {
        kinds += ProbeKind.LINEAR
    }

    /** How configs are chosen: [paperGrid] (the default) or [quickConfig]. */
    var search: SearchSpec = SearchSpec.PaperGrid
    val paperGrid: SearchSpec get() = SearchSpec.PaperGrid
    val quickConfig: SearchSpec get() = SearchSpec.Quick

    /** `quick = true` trains one sensible config per kind instead of searching the paper's grid. */
    var quick: Boolean
        get() = search == SearchSpec.Quick
        set(value) {
            search = if (value) SearchSpec.Quick else SearchSpec.PaperGrid
        }

    /** Seeds the chosen config is retrained with; null takes the search's default. */
    var seeds: Int? = null

    private var control: ControlTask? = null

    /**
     * Also probes every layer on a control task (Hewitt & Liang 2019) with the same probes, for selectivity =
     * task accuracy − control accuracy: [wordTypes] (the paper's: one random label per word type) or
     * [shuffledTokens] (the task's labels shuffled across items).
     */
    fun control(task: ControlTask = ControlTask.WORD_TYPES) {
        control = task
    }

    val wordTypes: ControlTask get() = ControlTask.WORD_TYPES
    val shuffledTokens: ControlTask get() = ControlTask.SHUFFLED_TOKENS

    internal fun build() = ProbesSpec(kinds.toList(), search, seeds ?: search.defaultSeeds, control)
}
