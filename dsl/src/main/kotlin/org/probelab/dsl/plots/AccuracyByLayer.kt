package org.probelab.dsl.plots

import org.jetbrains.letsPlot.geom.geomErrorBar
import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleColorManual
import org.jetbrains.letsPlot.scale.scaleXContinuous

/**
 * Probe score per encoder layer: one line with points per curve (run, training stage or probe),
 * with mean ± std error bars over seeds for curves that carry [LayerCurve.std].
 */
fun accuracyByLayer(curves: List<LayerCurve>, title: String, yLabel: String = "accuracy"): Figure {
    requireNotEmpty("curves", curves)
    requireDistinctNames("curves.label", curves.map { it.label })
    curves.forEachIndexed { i, curve -> checkCurve("curves[$i] ('${curve.label}')", curve) }

    val labels = curves.map { it.label }
    val points = mapOf(
        "layer" to curves.flatMap { it.layers },
        "score" to curves.flatMap { it.mean },
        "curve" to curves.flatMap { curve -> curve.layers.map { curve.label } },
    )
    var plot = letsPlot(points) { x = "layer"; y = "score"; color = "curve" } +
        geomLine(size = 1.0) +
        geomPoint(size = 3.0)
    val withSpread = curves.filter { it.std != null }
    if (withSpread.isNotEmpty()) {
        plot += geomErrorBar(data = spreadColumns(withSpread), width = 0.25, size = 0.8, showLegend = false) {
            x = "layer"; ymin = "low"; ymax = "high"; color = "curve"
        }
    }
    val layerTicks = curves.flatMap { it.layers }.distinct().sorted()
    plot += scaleXContinuous(breaks = layerTicks, format = "d") +
        scaleColorManual(values = Palette.colours(labels.size), limits = labels) +
        labs(title = title, x = "layer", y = yLabel, color = "")
    return Figure(title, width = 720, height = 420, plot)
}

private fun checkCurve(field: String, curve: LayerCurve) {
    requireNotEmpty("$field.layers", curve.layers)
    requireSameSize("$field.mean", curve.mean, "$field.layers", curve.layers)
    requireFinite("$field.mean", curve.mean)
    require(curve.layers.toSet().size == curve.layers.size) { "$field.layers repeats a layer: ${curve.layers}" }
    require(curve.layers.all { it >= 0 }) { "$field.layers has a negative layer: ${curve.layers}" }
    curve.std?.let { std ->
        requireSameSize("$field.std", std, "$field.layers", curve.layers)
        requireFinite("$field.std", std)
        std.forEachIndexed { i, s -> require(s >= 0) { "$field.std[$i] is $s; a standard deviation cannot be negative" } }
    }
}

// The error-bar layer inherits the plot's x/y/colour mapping, so it carries the score column too.
private fun spreadColumns(curves: List<LayerCurve>): Map<String, List<Any>> {
    val rows = curves.flatMap { curve ->
        curve.layers.indices.map { i -> Triple(curve, i, curve.std?.get(i) ?: 0.0) }
    }
    return mapOf(
        "layer" to rows.map { (curve, i, _) -> curve.layers[i] },
        "score" to rows.map { (curve, i, _) -> curve.mean[i] },
        "low" to rows.map { (curve, i, std) -> curve.mean[i] - std },
        "high" to rows.map { (curve, i, std) -> curve.mean[i] + std },
        "curve" to rows.map { (curve, _, _) -> curve.label },
    )
}
