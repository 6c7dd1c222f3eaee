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
    values.forEachIndexed { i, row -> requireFinite("values[$i]", row) }

    val low = values.minOf { it.min() }
    val high = values.maxOf { it.max() }
    val frame = if (low < 0) {
        // Symmetric around zero, so equal magnitudes get equally strong colours whatever their sign.
        val reach = max(-low, high)
        HeatmapFrame(title, "layer", "layer", valueName, limits = -reach to reach, shading = Shading.DIVERGING)
    } else {
        // Lets-Plot cannot spread colours over an empty range, so a constant matrix gets a unit-wide one.
        val limits = if (high > low) low to high else (low - 0.5) to (high + 0.5)
        HeatmapFrame(title, "layer", "layer", valueName, limits = limits, shading = Shading.SEQUENTIAL)
    }
    return heatmap(frame, layers, layers, values, values.map { row -> row.map(::twoDecimals) })
}
