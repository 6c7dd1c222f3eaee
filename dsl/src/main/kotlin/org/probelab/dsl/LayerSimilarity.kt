package org.probelab.dsl

import kotlinx.serialization.Serializable
import org.probelab.dsl.plots.Figure
import org.probelab.dsl.plots.LayerCurve
import org.probelab.dsl.plots.accuracyByLayer
import org.probelab.dsl.plots.layerSimilarityHeatmap
import org.probelab.geometry.LinearCka
import org.probelab.represent.LabelledVectors
import org.probelab.text.Split
import java.util.Locale

/**
 * Linear CKA (Kornblith et al. 2019) between the layers of two runs on the same items, or of one run
 * with itself: `biased[i][j]` and `debiased[i][j]` compare layer `rowLayers[i]` of [rowsFrom] with layer
 * `columnLayers[j]` of [columnsFrom], on the [items] items of [split].
 *
 * @property rowsFrom    the run whose layers are the rows: name and provenance (model, data, vectors)
 * @property columnsFrom the run whose layers are the columns
 */
@Serializable
data class LayerSimilarity(
    val rowsFrom: SimilaritySource,
    val columnsFrom: SimilaritySource,
    val rowLayers: List<Int>,
    val columnLayers: List<Int>,
    val split: String,
    val items: Int,
    val biased: List<List<Double>>,
    val debiased: List<List<Double>>,
) {
    /** One side of a comparison: the run's name and where its vectors came from. */
    @Serializable
    data class SimilaritySource(val name: String, val provenance: RunProvenance)

    private val sameRun get() = rowsFrom == columnsFrom

    /** The values of one estimator; the debiased one does not drift towards 1 for wide layers on few items. */
    fun values(debiased: Boolean = true): List<List<Double>> = if (debiased) this.debiased else biased

    /** The CKA matrix as a heatmap, rows at the top in layer order. */
    fun heatmap(debiased: Boolean = true): Figure {
        val estimator = if (debiased) "debiased" else "biased"
        val title = if (sameRun) "${rowsFrom.name}: linear CKA between layers ($estimator, ${items} $split items)"
        else "linear CKA, ${rowsFrom.name} vs ${columnsFrom.name} ($estimator, ${items} $split items)"
        return layerSimilarityHeatmap(
            rowLayers.map { it.toString() }, columnLayers.map { it.toString() }, values(debiased), title, "CKA",
            rowAxis = if (sameRun) "layer" else "${rowsFrom.name} layer",
            columnAxis = if (sameRun) "layer" else "${columnsFrom.name} layer",
        )
    }

    /**
     * Each layer against the same layer on the other side (e.g. how far fine-tuning moved each layer), both
     * estimators; within one run, each layer against the next one instead (the diagonal is all ones there).
     */
    fun diagonal(): List<LayerCurve> = listOf(true, false).map { debiased ->
        val values = values(debiased)
        val name = if (debiased) "debiased CKA" else "biased CKA"
        if (sameRun) {
            val layers = rowLayers.dropLast(1)
            LayerCurve(name, layers, layers.indices.map { values[it][it + 1] })
        } else {
            val layers = rowLayers.filter { it in columnLayers }
            LayerCurve(name, layers, layers.map { values[rowLayers.indexOf(it)][columnLayers.indexOf(it)] })
        }
    }

    /** [diagonal] as a line plot. */
    fun diagonalByLayer(): Figure {
        val title = if (sameRun) "${rowsFrom.name}: CKA of each layer with the next"
        else "CKA of each layer, ${rowsFrom.name} vs ${columnsFrom.name}"
        return accuracyByLayer(diagonal(), title, "CKA")
    }

    /** The result as pretty JSON. */
    fun toJson(): String = ExperimentJson.format.encodeToString(serializer(), this)

    companion object {
        fun fromJson(json: String): LayerSimilarity = ExperimentJson.format.decodeFromString(serializer(), json)
    }
}

/**
 * Linear CKA between every pair of this run's layers on the items of [split] (default test), from its
 * cached vectors; see [LinearCka].
 */
fun Run.layerSimilarity(split: Split = Split.TEST): LayerSimilarity = layerSimilarity(this, this, split)

/**
 * Linear CKA between every layer of [rows] and every layer of [columns] on the items of [split], e.g. a
 * pre-trained model's run against its fine-tuned copy's on the same data and task.
 *
 * @throws IllegalArgumentException when the runs did not probe the same data and task (the items differ)
 */
fun layerSimilarity(rows: Run, columns: Run, split: Split = Split.TEST): LayerSimilarity {
    val a = rows.result.provenance
    val b = columns.result.provenance
    require(a.dataChecksum == b.dataChecksum && rows.spec.task == columns.spec.task) {
        "layerSimilarity: ${rows.spec.name} probed ${rows.spec.task} on ${a.dataName} (${a.dataChecksum.take(8)}), " +
            "${columns.spec.name} probed ${columns.spec.task} on ${b.dataName} (${b.dataChecksum.take(8)}); " +
            "CKA compares layers on the same items, so both runs need the same data and task"
    }
    val rowVectors = rows.layerVectors(split)
    val columnVectors = if (rows === columns) rowVectors else columns.layerVectors(split)
    val cka = LinearCka().between(rowVectors, columnVectors)
    return LayerSimilarity(
        LayerSimilarity.SimilaritySource(rows.spec.name, a),
        LayerSimilarity.SimilaritySource(columns.spec.name, b),
        rowVectors.keys.map { it.toInt() },
        columnVectors.keys.map { it.toInt() },
        split.name.lowercase(Locale.ROOT),
        cka.items(),
        cka.biased().map { it.toList() },
        cka.debiased().map { it.toList() },
    )
}

/** Every layer this run probed, by its number as text, each read once from the cache. */
private fun Run.layerVectors(split: Split): Map<String, LabelledVectors> =
    result.scores.map { it.layer }.distinct().sorted().associate { it.toString() to vectors(it, split) }
