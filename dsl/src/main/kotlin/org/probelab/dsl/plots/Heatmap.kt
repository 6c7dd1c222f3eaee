package org.probelab.dsl.plots

import org.jetbrains.letsPlot.geom.geomText
import org.jetbrains.letsPlot.geom.geomTile
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleColorIdentity
import org.jetbrains.letsPlot.scale.scaleFillGradient
import org.jetbrains.letsPlot.scale.scaleFillGradient2
import org.jetbrains.letsPlot.scale.scaleXDiscrete
import org.jetbrains.letsPlot.scale.scaleYDiscreteReversed
import org.jetbrains.letsPlot.themes.elementBlank
import org.jetbrains.letsPlot.themes.elementText
import org.jetbrains.letsPlot.themes.theme
import java.util.Locale
import kotlin.math.abs
import kotlin.math.max

/** How values map to colour: light-to-dark from the low limit, or two hues diverging from zero. */
internal enum class Shading { SEQUENTIAL, DIVERGING }

/** The axes, legend and colour range shared by the heatmap figures. */
internal class HeatmapFrame(
    val title: String,
    val xName: String,
    val yName: String,
    val valueName: String,
    val limits: Pair<Double, Double>,
    val shading: Shading,
) {
    init {
        require(limits.second > limits.first) { "colour limits $limits are empty; the high end must exceed the low end" }
    }
}

/**
 * A rows × columns grid of tiles with the value written in each cell; the first row is at the top.
 * A null value leaves its tile grey (nothing to measure there).
 */
internal fun heatmap(
    frame: HeatmapFrame,
    rows: List<String>,
    columns: List<String>,
    values: List<List<Double?>>,
    cellText: List<List<String>>,
): Figure {
    val cells = rows.indices.flatMap { r -> columns.indices.map { c -> r to c } }
    val data = mapOf(
        "row" to cells.map { (r, _) -> rows[r] },
        "column" to cells.map { (_, c) -> columns[c] },
        "value" to cells.map { (r, c) -> values[r][c] },
        "text" to cells.map { (r, c) -> cellText[r][c] },
        "ink" to cells.map { (r, c) -> inkOn(values[r][c], frame) },
    )
    val fillScale = when (frame.shading) {
        Shading.SEQUENTIAL -> scaleFillGradient(low = "#F7FBFF", high = "#08306B", limits = frame.limits, name = frame.valueName)
        Shading.DIVERGING -> scaleFillGradient2(
            low = "#B2182B", mid = "#F7F7F7", high = "#2166AC", midpoint = 0.0, limits = frame.limits, name = frame.valueName,
        )
    }
    val plot = letsPlot(data) { x = "column"; y = "row" } +
        geomTile(color = "#FFFFFF", size = 0.5) { fill = "value" } +
        geomText(size = if (max(rows.size, columns.size) > 12) 6 else 8) { label = "text"; color = "ink" } +
        fillScale + scaleColorIdentity() +
        scaleXDiscrete(limits = columns, expand = listOf(0, 0)) +
        scaleYDiscreteReversed(limits = rows, expand = listOf(0, 0)) +
        labs(title = frame.title, x = frame.xName, y = frame.yName) +
        theme(axisTextX = elementText(angle = if (columns.any { it.length > 4 }) 90 else 0), panelGrid = elementBlank())
    val cell = 44
    return Figure(
        frame.title,
        width = max(420, 220 + columns.size * cell),
        height = max(360, 160 + rows.size * cell),
        plot,
    )
}

/** A cell value as written in the cell; fixed decimal point whatever the machine's locale. */
internal fun twoDecimals(value: Double): String = String.format(Locale.ROOT, "%.2f", value)

// Dark cells get white text so every number stays readable.
private fun inkOn(value: Double?, frame: HeatmapFrame): String {
    if (value == null) return DARK_INK
    val (low, high) = frame.limits
    val intensity = when (frame.shading) {
        Shading.SEQUENTIAL -> (value - low) / (high - low)
        Shading.DIVERGING -> abs(value) / max(abs(low), abs(high))
    }
    return if (intensity > 0.45) LIGHT_INK else DARK_INK
}

private const val DARK_INK = "#222222"
private const val LIGHT_INK = "#FFFFFF"
