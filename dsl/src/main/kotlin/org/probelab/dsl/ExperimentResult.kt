package org.probelab.dsl

import kotlinx.serialization.Serializable
import org.probelab.dsl.plots.LayerCurve
import org.probelab.probe.LayerDirectProbe
import org.probelab.probe.LayerSelectivity
import org.probelab.probe.ProbeKind

/**
 * What a run found: one score per (layer, probe kind), in the order core ran them (kind, then
 * layer), where it came from, and the warnings and caveats to read with it
 * ([org.probelab.probe.ResultNotes]); with a control task, the same probes' scores on it ([control]).
 * With MDL, each layer's online codelength per probe kind ([codelengths]); with DirectProbe, each layer's clusters,
 * distances and nearest-hull accuracy ([directProbes], core's records as they are: plain values, already in the
 * terms of the paper).
 * With training stages, the same probes on every stage's snapshot ([stages]), each a result of its own.
 * A view of the engine's results (`engine/results.json` of a run directory, the run's one results
 * file; a stage's under `engine/stages/<stage>/`) in the experiment language's terms.
 */
data class ExperimentResult(
    val provenance: RunProvenance,
    val scores: List<LayerProbeScore>,
    val control: List<LayerProbeScore> = emptyList(),
    val notes: List<String> = emptyList(),
    val codelengths: List<LayerCodelengthScore> = emptyList(),
    val directProbes: List<LayerDirectProbe> = emptyList(),
    val stages: List<StageOutcome> = emptyList(),
) {
    /** The stages' names, the pretrained model first as [PRETRAINED]. */
    fun stageNames(): List<String> = listOf(PRETRAINED) + stages.map { it.stage }

    /** The outcome of the stage named [name] (its directory name, e.g. `01-finetune-pos`, or `finetune-pos`). */
    fun stage(name: String): StageOutcome = stages.firstOrNull { it.stage == name || it.stage.substringAfter('-') == name }
        ?: throw IllegalArgumentException("this run has no stage '$name'; its stages are ${stageNames()}")

    /** The probes' results on the model after [stage]: this result for [PRETRAINED], else the stage's snapshot's. */
    fun at(stage: String): ExperimentResult = if (stage == PRETRAINED) this else stage(stage).result

    /** The score of [kind] on [layer] after [stage] ([PRETRAINED] or a stage name), or null when not probed. */
    fun score(stage: String, layer: Int, kind: ProbeKind): LayerProbeScore? = at(stage).score(layer, kind)

    /** The scores of one probe kind, in layer order. */
    fun of(kind: ProbeKind): List<LayerProbeScore> = scores.filter { it.probe == kind }.sortedBy { it.layer }

    /** The probe kinds scored, in the order core ran them. */
    fun kinds(): List<ProbeKind> = scores.map { it.probe }.distinct()

    /** Test accuracy of [kind] by layer; error bars (std over seeds) only when some layer had several seeds. */
    fun curve(kind: ProbeKind, label: String = kind.label()): LayerCurve {
        val scores = of(kind)
        val spread = scores.any { it.seeds.size > 1 }
        return LayerCurve(
            label,
            scores.map { it.layer },
            scores.map { it.accuracy.mean },
            if (spread) scores.map { it.accuracy.std } else null,
        )
    }

    /**
     * Task accuracy minus control accuracy (Hewitt & Liang 2019) of [kind] per layer, in layer order;
     * empty when the run had no control task.
     */
    fun selectivity(kind: ProbeKind): List<LayerSelectivity> = of(kind).mapNotNull { task ->
        control.firstOrNull { it.layer == task.layer && it.probe == kind }?.let {
            LayerSelectivity(task.layer, kind, task.accuracy.mean, it.accuracy.mean)
        }
    }

    /** Task accuracy, control accuracy and selectivity of [kind] by layer, as three curves. */
    fun selectivityCurves(kind: ProbeKind, label: String = kind.label()): List<LayerCurve> {
        val rows = selectivity(kind)
        require(rows.isNotEmpty()) {
            "selectivity: this run has no control scores for ${kind.label()}; declare probes { control() } and run again"
        }
        val layers = rows.map { it.layer() }
        return listOf(
            LayerCurve("$label task", layers, rows.map { it.taskAccuracy() }, null),
            LayerCurve("$label control", layers, rows.map { it.controlAccuracy() }, null),
            LayerCurve("$label selectivity", layers, rows.map { it.selectivity() }, null),
        )
    }

    /** The online codelengths of [kind], in layer order; empty when the run did not measure MDL. */
    fun codelengths(kind: ProbeKind): List<LayerCodelengthScore> =
        codelengths.filter { it.probe == kind }.sortedBy { it.layer }

    /** Compression (uniform / online codelength) of [kind] by layer. */
    fun compressionCurve(kind: ProbeKind, label: String = kind.label()): LayerCurve {
        val rows = codelengths(kind)
        require(rows.isNotEmpty()) {
            "mdl: this run has no codelengths for ${kind.label()}; declare probes { mdl() } and run again"
        }
        return LayerCurve(label, rows.map { it.layer }, rows.map { it.compression })
    }

    /** DirectProbe on [layer], or null when the run did not run it there. */
    fun directProbe(layer: Int): LayerDirectProbe? = directProbes.firstOrNull { it.layer() == layer }

    /** The score of [kind] on [layer], or null when the run did not probe it. */
    fun score(layer: Int, kind: ProbeKind): LayerProbeScore? = scores.firstOrNull { it.layer == layer && it.probe == kind }

    companion object {
        /** The stage name of the model before any training. */
        const val PRETRAINED = "pretrained"
    }

}

/**
 * Enough to trace and re-run a result: what the spec resolved to on the machine that ran it.
 *
 * @property rows              probed rows per split (train, dev, test)
 * @property representationKey the cache entry holding the vectors
 * @property seeds             the seeds every chosen config was retrained with
 * @property seconds           wall time per step (load, extract, probe)
 * @property startedAt         ISO-8601 instant the run started
 */
@Serializable
data class RunProvenance(
    val modelId: String,
    val modelChecksum: String,
    val dataName: String,
    val dataChecksum: String,
    val rows: Map<String, Long>,
    val representationKey: String,
    val device: String,
    val versions: Map<String, String>,
    val seeds: List<Long>,
    val seconds: Map<String, Double>,
    val startedAt: String,
)

/**
 * One probe kind on one layer: test accuracy and macro-F1 over seeds, the config chosen on dev,
 * every searched config, each seed's test score, and the first seed's confusion matrix.
 *
 * @property subject      what was probed, e.g. `layer 7 mlp`
 * @property unseenLabels test labels never seen in training, with their counts (always errors)
 */
data class LayerProbeScore(
    val layer: Int,
    val probe: ProbeKind,
    val subject: String,
    val accuracy: MeanStd,
    val macroF1: MeanStd,
    val chosen: ProbeSettings,
    val searched: List<SearchedConfig>,
    val seeds: List<SeedScore>,
    val confusion: ConfusionCounts,
    val unseenLabels: Map<String, Int>,
)

/** Mean and sample standard deviation of a score over seeds (std 0 for one seed). */
data class MeanStd(val mean: Double, val std: Double)

/** How one probe was trained; mirrors core's [org.probelab.probe.ProbeConfig]. */
data class ProbeSettings(
    val kind: ProbeKind,
    val h1: Int,
    val h2: Int,
    val l2: Double,
    val learningRate: Double,
    val batchSize: Int,
    val maxEpochs: Int,
    val patience: Int,
    val seed: Long,
)

/**
 * One config of the search with the dev accuracy of its best epoch, the epochs it trained, and
 * whether its budget ran out first ([org.probelab.probe.TrainingOutcome]).
 */
data class SearchedConfig(
    val config: ProbeSettings,
    val devAccuracy: Double,
    val bestEpoch: Int,
    val epochs: Int = bestEpoch,
    val budgetRanOut: Boolean = false,
)

/** The chosen config retrained with one seed, scored on [n] test rows; how its training ended as in [SearchedConfig]. */
data class SeedScore(
    val seed: Long,
    val n: Int,
    val accuracy: Double,
    val macroF1: Double,
    val bestEpoch: Int = 0,
    val epochs: Int = 0,
    val budgetRanOut: Boolean = false,
)

/**
 * Gold × predicted counts: `counts[g][p]` is how often gold `labels[g]` was predicted as
 * `labels[p]`; labels seen in training come first, then unseen gold labels.
 */
data class ConfusionCounts(val labels: List<String>, val counts: List<List<Int>>)

/**
 * The online code (Voita & Titov 2020) of one layer's training labels with one probe kind, trained with
 * [config] on each block; mirrors core's [org.probelab.probe.OnlineCodeResult].
 *
 * @property labels      the number of labels K
 * @property blockEnds   where each block ends in the seeded order of the [items] training items
 * @property blockBits   bits per block: the first with the uniform code, each later one by a probe trained on
 *                       the blocks before it
 * @property uniformBits items × log₂ K
 * @property onlineBits  the online codelength, the sum of [blockBits]
 */
data class LayerCodelengthScore(
    val layer: Int,
    val probe: ProbeKind,
    val config: ProbeSettings,
    val items: Int,
    val labels: Int,
    val blockEnds: List<Int>,
    val blockBits: List<Double>,
    val uniformBits: Double,
    val onlineBits: Double,
) {
    /** Uniform over online codelength: how many times the vectors shrink the labels' code. */
    val compression: Double get() = uniformBits / onlineBits
}
