package org.probelab.dsl.plots

/**
 * One number per label and layer (for instance how far each label's centroid moved during fine-tuning):
 * `values[i][j]` for `labels[i]` (rows) at `layers[j]` (columns); null leaves a cell grey.
 */
fun labelByLayerHeatmap(labels: List<String>, layers: List<Int>, values: List<List<Double?>>, title: String,
                        valueName: String): Figure {
    requireNotEmpty("labels", labels)
    requireNotEmpty("layers", layers)
    requireDistinctNames("labels", labels)
    require(layers.toSet().size == layers.size) { "layers repeats a layer: $layers" }
    requireSameSize("values", values, "labels", labels)
    values.forEachIndexed { i, row ->
        requireSameSize("values[$i] ('${labels[i]}')", row, "layers", layers)
        requireFinite("values[$i]", row.filterNotNull())
    }
    val present = values.flatten().filterNotNull()
    require(present.isNotEmpty()) { "values are all missing; there is nothing to show" }
    val low = present.min()
    val high = present.max()
    val limits = if (high > low) low to high else (low - 0.5) to (high + 0.5)
    val frame = HeatmapFrame(title, "layer", "label", valueName, limits, Shading.SEQUENTIAL)
    val text = values.map { row -> row.map { v -> if (v == null) "" else twoDecimals(v) } }
    return heatmap(frame, labels, layers.map { it.toString() }, values, text)
}
