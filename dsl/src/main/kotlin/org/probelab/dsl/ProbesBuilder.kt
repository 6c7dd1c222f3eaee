package org.probelab.dsl

import org.probelab.geometry.DirectProbeOptions
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

    private var mdl = false

    /**
     * Also measures each layer's online codelength (Voita & Titov 2020) with each kind's chosen config:
     * the paper's blocks of 0.1 % … 100 % of the training items, the compression against the uniform code.
     */
    fun mdl() {
        mdl = true
    }

    private var directProbe: DirectProbeSettings? = null

    /**
     * Also runs DirectProbe (Zhou & Srikumar, NAACL 2021) on every layer: how many clusters the training
     * items need so that labels stay linearly separable, how far apart the labels' clusters are, and how well
     * the nearest cluster predicts the test items; with [clusterTest], the test items are clustered too, for
     * the spatial similarity of train and test. [dropConflicts] removes items that sit on an item of another
     * label (identical words under two tags) before clustering.
     */
    fun directProbe(
        tolerance: Double = DirectProbeOptions.DEFAULT_TOLERANCE,
        dropConflicts: Boolean = false,
        clusterTest: Boolean = true,
    ) {
        directProbe = DirectProbeSettings(tolerance, dropConflicts, clusterTest)
    }

    internal fun build() = ProbesSpec(kinds.toList(), search, seeds ?: search.defaultSeeds, control, mdl, directProbe)
}
