package org.probelab.dsl

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.probelab.probe.ControlTask
import org.probelab.probe.ProbeDefaults
import org.probelab.probe.ProbeKind
import org.probelab.probe.ProbingSpec

/**
 * The classifier probes trained on every layer: which kinds, how each one's config is chosen, and
 * how many seeds the chosen config is retrained with (results are mean ± std over them), and the
 * control task probed beside the task for selectivity (null: none).
 */
@Serializable
data class ProbesSpec(
    val kinds: List<ProbeKind> = ProbingSpec.quickstart().probes(),
    val search: SearchSpec = SearchSpec.PaperGrid,
    val seeds: Int = search.defaultSeeds,
    val control: ControlTask? = null,
) {
    init {
        if (kinds.isEmpty()) {
            throw DeclarationException("probes", "name at least one probe kind, e.g. probes { mlp(); linear() }")
        }
        kinds.groupBy { it }.values.firstOrNull { it.size > 1 }?.let {
            throw DeclarationException("probes", "${it.first().label()}() is named ${it.size} times; name it once")
        }
        if (seeds < 1) {
            throw DeclarationException(
                "seeds",
                "seeds = $seeds, but each chosen config is trained with at least 1 seed " +
                    "(the default is ${search.defaultSeeds} for $search)",
            )
        }
    }
}

/** How each probe kind's config is chosen on dev. */
@Serializable
sealed class SearchSpec {
    /** Seeds when none are given. */
    abstract val defaultSeeds: Int

    internal abstract val quick: Boolean

    /** One sensible config per kind, no search: for a first look. */
    @Serializable
    @SerialName("quick")
    object Quick : SearchSpec() {
        override val defaultSeeds: Int get() = ProbeDefaults.QUICK_SEEDS
        override val quick: Boolean get() = true
        override fun toString() = "quick"
    }

    /** The paper's grid of hidden sizes and L2 weights ([ProbeDefaults.grid]). */
    @Serializable
    @SerialName("paper-grid")
    object PaperGrid : SearchSpec() {
        override val defaultSeeds: Int get() = ProbeDefaults.SEEDS
        override val quick: Boolean get() = false
        override fun toString() = "paperGrid"
    }
}
