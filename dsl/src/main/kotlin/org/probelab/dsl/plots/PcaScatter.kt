package org.probelab.dsl.plots

import org.jetbrains.letsPlot.geom.geomLabel
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleColorManual
import org.jetbrains.letsPlot.scale.scaleFillManual

/**
 * Two-dimensional projection (e.g. the first two principal components) of labelled vectors:
 * points coloured by label, each label's centroid drawn as a large outlined marker with its name.
 * [centroids] default to the mean of each label's points.
 */
fun pcaScatter(
    points: List<Point2>,
    title: String,
    centroids: List<Point2> = centroidsOf(points),
    xLabel: String = "PC 1",
    yLabel: String = "PC 2",
): Figure {
    requireNotEmpty("points", points)
    checkPoints("points", points)
    checkPoints("centroids", centroids)
    requireDistinctNames("centroids.label", centroids.map { it.label })
    val labels = points.map { it.label }.distinct()
    centroids.forEachIndexed { i, c ->
        require(c.label in labels) {
            "centroids[$i] has label '${c.label}', which no point has; labels of the points: ${labels.joinToString()}"
        }
    }

    val colours = Palette.colours(labels.size)
    val cloud = mapOf("x" to points.map { it.x }, "y" to points.map { it.y }, "label" to points.map { it.label })
    val centres = mapOf("x" to centroids.map { it.x }, "y" to centroids.map { it.y }, "label" to centroids.map { it.label })
    val allY = points.map { it.y } + centroids.map { it.y }
    // Lift each name clear of its marker: the nudge is in data units, so scale it to the y range
    // (with no range at all there is nothing to keep clear of).
    val nameLift = 0.06 * (allY.max() - allY.min())
    val plot = letsPlot(cloud) { x = "x"; y = "y"; color = "label" } +
        geomPoint(size = 2.0, alpha = 0.55) +
        // Shape 21 is a filled circle with an outline: black ring, label-coloured body.
        geomPoint(data = centres, shape = 21, size = 7.0, color = "#000000", stroke = 1.5, showLegend = false) {
            fill = "label"
        } +
        geomLabel(data = centres, nudgeY = nameLift, vjust = 0, size = 7, showLegend = false) { label = "label" } +
        scaleColorManual(values = colours, limits = labels) +
        scaleFillManual(values = colours, limits = labels) +
        labs(title = title, x = xLabel, y = yLabel, color = "")
    return Figure(title, width = 640, height = 520, plot)
}

/** The mean position of each label's points, in order of first appearance. */
fun centroidsOf(points: List<Point2>): List<Point2> =
    points.groupBy { it.label }.map { (label, members) ->
        Point2(members.map { it.x }.average(), members.map { it.y }.average(), label)
    }

private fun checkPoints(field: String, points: List<Point2>) {
    points.forEachIndexed { i, p ->
        require(p.x.isFinite() && p.y.isFinite()) {
            "$field[$i] (label '${p.label}') is at (${p.x}, ${p.y}); coordinates must be finite numbers"
        }
        require(p.label.isNotBlank()) { "$field[$i] has a blank label; every point needs the label it is coloured by" }
    }
}
