package org.probelab.dsl.plots

/**
 * Layer × layer similarity (for instance CKA or mean cosine between two models' layers):
 * `values[i][j]` compares `layers[i]` (rows) with `layers[j]` (columns). Values below zero switch to
 * a colour scale diverging from zero so sign stays visible.
 */
fun layerSimilarityHeatmap(layers: List<String>, values: List<List<Double>>, title: String, valueName: String): Figure {
    requireNotEmpty("layers", layers)
    requireDistinctNames("layers", layers)
    requireSquare("values", values, "layers", layers)
    values.forEachIndexed { i, row -> requireFinite("values[$i]", row) }

    val low = values.minOf { it.min() }
    val high = values.maxOf { it.max() }
    val shading = if (low < 0) Shading.DIVERGING else Shading.SEQUENTIAL
    val frame = HeatmapFrame(title, xName = "layer", yName = "layer", valueName, limits = low to high, shading = shading)
    return heatmap(frame, layers, layers, values, values.map { row -> row.map { "%.2f".format(it) } })
}
