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
    val spreads = curves.flatMap { curve ->
        curve.std.orEmpty().mapIndexed { i, std -> Spread(curve.label, curve.layers[i], curve.mean[i], std) }
    }
    if (spreads.isNotEmpty()) {
        // Lets-Plot reads the width as a share of the spacing between the bars' layers.
        plot += geomErrorBar(data = spreadColumns(spreads), width = 0.3, size = 0.8, showLegend = false) {
            x = "layer"; ymin = "low"; ymax = "high"; color = "curve"
        }
    }
    val layerTicks = curves.flatMap { it.layers }.distinct().sorted()
    val layerGap = layerTicks.zipWithNext { a, b -> b - a }.minOrNull() ?: 1
    // Half a gap of margin on both sides keeps a lone layer from being stretched across the panel.
    val layerRange = (layerTicks.first() - layerGap / 2.0) to (layerTicks.last() + layerGap / 2.0)
    plot += scaleXContinuous(breaks = layerTicks, limits = layerRange, format = "d") +
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

/** One error bar: mean ± std over seeds of one curve at one layer. */
private class Spread(val curve: String, val layer: Int, val mean: Double, val std: Double)

// The error-bar layer inherits the plot's x/y/colour mapping, so it carries the score column too.
private fun spreadColumns(spreads: List<Spread>): Map<String, List<Any>> = mapOf(
    "layer" to spreads.map { it.layer },
    "score" to spreads.map { it.mean },
    "low" to spreads.map { it.mean - it.std },
    "high" to spreads.map { it.mean + it.std },
    "curve" to spreads.map { it.curve },
)
