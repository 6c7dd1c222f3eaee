package org.probelab.dsl.plots

import kotlin.math.max

/**
 * Layer × layer similarity (for instance CKA or mean cosine between two models' layers):
 * `values[i][j]` compares `layers[i]` (rows) with `layers[j]` (columns). Values below zero switch to
 * a colour scale diverging from zero, symmetric in magnitude, so sign stays visible; otherwise colours
 * run from the smallest to the largest value.
 */
fun layerSimilarityHeatmap(layers: List<String>, values: List<List<Double>>, title: String, valueName: String): Figure {
    requireNotEmpty("layers", layers)
    requireDistinctNames("layers", layers)
    requireSquare("values", values, "layers", layers)
    return layerSimilarityHeatmap(layers, layers, values, title, valueName)
}

/**
 * Two sets of layers against each other, e.g. a pre-trained model's layers ([rowLayers], named on the
 * y axis by [rowAxis]) against its fine-tuned copy's ([columnLayers], x axis [columnAxis]):
 * `values[i][j]` compares `rowLayers[i]` with `columnLayers[j]`. Colours as in the square form.
 */
fun layerSimilarityHeatmap(
    rowLayers: List<String>,
    columnLayers: List<String>,
    values: List<List<Double>>,
    title: String,
    valueName: String,
    rowAxis: String = "layer",
    columnAxis: String = "layer",
): Figure {
    requireNotEmpty("rowLayers", rowLayers)
    requireNotEmpty("columnLayers", columnLayers)
    requireDistinctNames("rowLayers", rowLayers)
    requireDistinctNames("columnLayers", columnLayers)
    requireSameSize("values", values, "rowLayers", rowLayers)
    values.forEachIndexed { i, row ->
        requireSameSize("values[$i] ('${rowLayers[i]}')", row, "columnLayers", columnLayers)
        requireFinite("values[$i]", row)
    }

    val low = values.minOf { it.min() }
    val high = values.maxOf { it.max() }
    val frame = if (low < 0) {
        // Symmetric around zero, so equal magnitudes get equally strong colours whatever their sign.
        val reach = max(-low, high)
        HeatmapFrame(title, columnAxis, rowAxis, valueName, limits = -reach to reach, shading = Shading.DIVERGING)
    } else {
        // Lets-Plot cannot spread colours over an empty range, so a constant matrix gets a unit-wide one.
        val limits = if (high > low) low to high else (low - 0.5) to (high + 0.5)
        HeatmapFrame(title, columnAxis, rowAxis, valueName, limits = limits, shading = Shading.SEQUENTIAL)
    }
    return heatmap(frame, rowLayers, columnLayers, values, values.map { row -> row.map(::twoDecimals) })
}
