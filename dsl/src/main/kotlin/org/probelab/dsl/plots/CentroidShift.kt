package org.probelab.dsl.plots

import org.jetbrains.letsPlot.geom.extras.arrow
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.geom.geomSegment
import org.jetbrains.letsPlot.geom.geomText
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleColorManual

/**
 * Label centroids of one layer before and after a change (e.g. fine-tuning), projected into one plane:
 * an arrow per label from [before] to [after] (matched by label), the label written at the arrow's head.
 * Labels only on one side are drawn as a point without an arrow.
 */
fun centroidShift(before: List<Point2>, after: List<Point2>, title: String, xLabel: String = "PC 1",
                  yLabel: String = "PC 2"): Figure {
    requireNotEmpty("before", before)
    requireNotEmpty("after", after)
    requireDistinctNames("before.label", before.map { it.label })
    requireDistinctNames("after.label", after.map { it.label })
    (before + after).forEach { p ->
        require(p.x.isFinite() && p.y.isFinite()) { "centroid '${p.label}' is at (${p.x}, ${p.y}); coordinates must be finite" }
    }
    val labels = (before.map { it.label } + after.map { it.label }).distinct()
    val start = before.associateBy { it.label }
    val moved = after.filter { it.label in start }
    val arrows = mapOf(
        "x" to moved.map { start.getValue(it.label).x },
        "y" to moved.map { start.getValue(it.label).y },
        "xend" to moved.map { it.x },
        "yend" to moved.map { it.y },
        "label" to moved.map { it.label },
    )
    val ends = mapOf("x" to after.map { it.x }, "y" to after.map { it.y }, "label" to after.map { it.label })
    val starts = mapOf("x" to before.map { it.x }, "y" to before.map { it.y }, "label" to before.map { it.label })
    val colours = Palette.colours(labels.size)
    val plot = letsPlot() +
        geomPoint(data = starts, size = 2.5, alpha = 0.5) { x = "x"; y = "y"; color = "label" } +
        geomSegment(data = arrows, size = 0.8, arrow = arrow(length = 8)) {
            x = "x"; y = "y"; xend = "xend"; yend = "yend"; color = "label"
        } +
        geomPoint(data = ends, size = 3.5) { x = "x"; y = "y"; color = "label" } +
        geomText(data = ends, vjust = -1, size = 7, showLegend = false) { x = "x"; y = "y"; label = "label" } +
        scaleColorManual(values = colours, limits = labels) +
        labs(title = title, x = xLabel, y = yLabel, color = "")
    return Figure(title, width = 640, height = 520, plot)
}
