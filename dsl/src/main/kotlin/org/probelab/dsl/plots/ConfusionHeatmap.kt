package org.probelab.dsl.plots

/**
 * Gold × predicted confusion matrix: `counts[g][p]` is how often gold label `labels[g]` was
 * predicted as `labels[p]`. With [normalize] each gold row is divided by its total (so the diagonal
 * is per-label recall) and a label that never occurs as gold shows "–"; otherwise raw counts are shown.
 */
fun confusionHeatmap(labels: List<String>, counts: List<List<Int>>, title: String, normalize: Boolean = true): Figure {
    requireNotEmpty("labels", labels)
    requireDistinctNames("labels", labels)
    requireSquare("counts", counts, "labels", labels)
    counts.forEachIndexed { g, row ->
        row.forEachIndexed { p, n -> require(n >= 0) { "counts[$g][$p] is $n; a count cannot be negative" } }
    }
    require(counts.any { row -> row.any { it > 0 } }) { "counts are all zero; there is no prediction to show" }

    val values: List<List<Double?>>
    val text: List<List<String>>
    if (normalize) {
        values = counts.map { row ->
            val total = row.sum()
            row.map { n -> if (total == 0) null else n.toDouble() / total }
        }
        text = values.map { row -> row.map { v -> if (v == null) "–" else twoDecimals(v) } }
    } else {
        values = counts.map { row -> row.map { it.toDouble() } }
        text = counts.map { row -> row.map { it.toString() } }
    }
    val limits = if (normalize) 0.0 to 1.0 else 0.0 to counts.maxOf { it.max() }.toDouble()
    val frame = HeatmapFrame(
        title, xName = "predicted", yName = "gold", valueName = if (normalize) "share of gold" else "count",
        limits = limits, shading = Shading.SEQUENTIAL,
    )
    return heatmap(frame, labels, labels, values, text)
}
