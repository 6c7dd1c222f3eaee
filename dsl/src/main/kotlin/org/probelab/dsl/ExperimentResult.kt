package org.probelab.dsl

import kotlinx.serialization.Serializable
import org.probelab.dsl.plots.LayerCurve
import org.probelab.probe.LayerSelectivity
import org.probelab.probe.ProbeKind

/**
 * What a run found: one score per (layer, probe kind) of the pretrained model, in the order core ran
 * them (kind, then layer), and where it came from; with a control task, the same probes' scores on it
 * ([control]); with training stages, the scores on every stage's snapshot ([stages]). The content of a run
 * directory's `results.json`.
 */
@Serializable
data class ExperimentResult(
    val provenance: RunProvenance,
    val scores: List<LayerProbeScore>,
    val control: List<LayerProbeScore> = emptyList(),
    val stages: List<StageOutcome> = emptyList(),
) {
    /** The stages' names, the pretrained model first as [PRETRAINED]. */
    fun stageNames(): List<String> = listOf(PRETRAINED) + stages.map { it.stage }

    /** The score of [kind] on [layer] after [stage] ([PRETRAINED] or a stage name), or null when not probed. */
    fun score(stage: String, layer: Int, kind: ProbeKind): LayerProbeScore? =
        scoresOf(stage).firstOrNull { it.layer == layer && it.probe == kind }

    /** The scores after [stage]. */
    fun scoresOf(stage: String): List<LayerProbeScore> =
        if (stage == PRETRAINED) scores else stage(stage).scores

    /** The outcome of the stage named [name] (its directory name, or that name without the number). */
    fun stage(name: String): StageOutcome = stages.firstOrNull { it.stage == name || it.stage.substringAfter('-') == name }
        ?: throw IllegalArgumentException("this run has no stage '$name'; its stages are ${stageNames()}")

    /** The scores of one probe kind after [stage], in layer order. */
    fun of(kind: ProbeKind, stage: String = PRETRAINED): List<LayerProbeScore> =
        scoresOf(stage).filter { it.probe == kind }.sortedBy { it.layer }

    /** The probe kinds scored, in the order core ran them. */
    fun kinds(): List<ProbeKind> = scores.map { it.probe }.distinct()

    /**
     * Test accuracy of [kind] by layer after [stage]; error bars (std over seeds) only when some layer had
     * several seeds.
     */
    fun curve(kind: ProbeKind, label: String = kind.label(), stage: String = PRETRAINED): LayerCurve {
        val scores = of(kind, stage)
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

    /** The score of [kind] on [layer], or null when the run did not probe it. */
    fun score(layer: Int, kind: ProbeKind): LayerProbeScore? = scores.firstOrNull { it.layer == layer && it.probe == kind }

    /** The results as pretty JSON, the content of a run's `results.json`. */
    fun toJson(): String = ExperimentJson.format.encodeToString(serializer(), this)

    companion object {
        /** The stage name of the model before any training. */
        const val PRETRAINED = "pretrained"

        fun fromJson(json: String): ExperimentResult = ExperimentJson.format.decodeFromString(serializer(), json)
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
@Serializable
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
@Serializable
data class MeanStd(val mean: Double, val std: Double)

/** How one probe was trained; mirrors core's [org.probelab.probe.ProbeConfig]. */
@Serializable
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

/** One config of the search with the dev accuracy of its best epoch. */
@Serializable
data class SearchedConfig(val config: ProbeSettings, val devAccuracy: Double, val bestEpoch: Int)

/** The chosen config retrained with one seed, scored on [n] test rows. */
@Serializable
data class SeedScore(val seed: Long, val n: Int, val accuracy: Double, val macroF1: Double)

/**
 * Gold × predicted counts: `counts[g][p]` is how often gold `labels[g]` was predicted as
 * `labels[p]`; labels seen in training come first, then unseen gold labels.
 */
@Serializable
data class ConfusionCounts(val labels: List<String>, val counts: List<List<Int>>)
