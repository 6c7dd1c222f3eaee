package org.probelab.dsl.plots

import org.jetbrains.letsPlot.geom.geomLabel
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.geom.geomSegment
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleColorManual
import org.jetbrains.letsPlot.scale.scaleXContinuous
import org.jetbrains.letsPlot.scale.scaleYContinuous
import org.jetbrains.letsPlot.scale.scaleFillManual

/**
 * Two-dimensional projection (e.g. the first two principal components) of labelled vectors:
 * points coloured by label, each label's centroid drawn as a large outlined marker with its name, the names
 * placed so that none covers another or a centroid ([LabelPlacement]).
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
    val range = DataRange.around(points + centroids)
    // Everything but the names: the panel's size in pixels, which the names are placed in, depends on the
    // legend and axes, not on the names, so it is read from this figure's own rendering.
    val unnamed = letsPlot(cloud) { x = "x"; y = "y"; color = "label" } +
        geomPoint(size = 2.0, alpha = 0.55) +
        scaleXContinuous(limits = range.xMin to range.xMax, expand = listOf(0, 0)) +
        scaleYContinuous(limits = range.yMin to range.yMax, expand = listOf(0, 0)) +
        scaleColorManual(values = colours, limits = labels) +
        scaleFillManual(values = colours, limits = labels) +
        labs(title = title, x = xLabel, y = yLabel, color = "")
    val panel = panelSize(Figure(title, WIDTH, HEIGHT, unnamed).toSvg())
    val tags = nameTags(centroids, PanelFrame(range, panel.first, panel.second))
    var plot = unnamed
    if (tags.leaders.getValue("x").isNotEmpty()) {
        // a thin line from a centroid to its name where the name had to move away to stay clear of the others
        plot += geomSegment(data = tags.leaders, color = "#777777", size = 0.5, showLegend = false) {
            x = "x"; y = "y"; xend = "xend"; yend = "yend"
        }
    }
    plot +=
        // Shape 21 is a filled circle with an outline: black ring, label-coloured body.
        geomPoint(data = centres, shape = 21, size = 7.0, color = "#000000", stroke = 1.5, showLegend = false) {
            fill = "label"
        } +
        geomLabel(data = tags.names, size = 7, showLegend = false) { x = "x"; y = "y"; label = "label"; color = "label" }
    return Figure(title, WIDTH, HEIGHT, plot)
}

private const val WIDTH = 640
private const val HEIGHT = 520

/** The plot panel's clipping rectangle, the first in a Lets-Plot SVG: the panel's width and height in pixels. */
private val panelClip = Regex("""<clipPath id="[^"]*">\s*<rect x="[^"]*" y="[^"]*" width="([\d.]+)" height="([\d.]+)"""")

private fun panelSize(svg: String): Pair<Double, Double> {
    val match = checkNotNull(panelClip.find(svg)) { "Lets-Plot's SVG has no clipped plot panel any more" }
    return match.groupValues[1].toDouble() to match.groupValues[2].toDouble()
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

/** The data a PCA panel shows: the points' range with a margin on each side. */
private class DataRange(val xMin: Double, val xMax: Double, val yMin: Double, val yMax: Double) {
    companion object {
        private const val MARGIN = 0.05

        fun around(points: List<Point2>): DataRange {
            fun range(values: List<Double>): Pair<Double, Double> {
                val low = values.min()
                val high = values.max()
                val pad = if (high > low) MARGIN * (high - low) else 1.0
                return low - pad to high + pad
            }
            val (x0, x1) = range(points.map { it.x })
            val (y0, y1) = range(points.map { it.y })
            return DataRange(x0, x1, y0, y1)
        }
    }
}

/** How a [DataRange] maps onto a panel of [width] × [height] pixels, y growing downwards. */
private class PanelFrame(private val range: DataRange, val width: Double, val height: Double) {
    fun pixel(p: Point2): Pair<Double, Double> = with(range) {
        (p.x - xMin) / (xMax - xMin) * width to (yMax - p.y) / (yMax - yMin) * height
    }

    fun data(x: Double, y: Double): Pair<Double, Double> = with(range) {
        xMin + x / width * (xMax - xMin) to yMax - y / height * (yMax - yMin)
    }
}

/** Where each centroid's name goes, in data units, and the leader lines of names that moved away. */
private class NameTags(val names: Map<String, List<Any>>, val leaders: Map<String, List<Double>>)

/** Size of a name tag at font size 7 (14 px), as Lets-Plot draws it: capitals ~11 px wide, 6 px of padding. */
private fun tagSize(name: String): Pair<Double, Double> = 11.2 * name.length + 7.0 to 23.0

/** The centroid marker's radius in pixels (shape 21 at size 7 with its ring). */
private const val MARKER_RADIUS = 9.0

private fun nameTags(centroids: List<Point2>, frame: PanelFrame): NameTags {
    val anchors = centroids.map { frame.pixel(it) }
    val spots = LabelPlacement(frame.width, frame.height, MARKER_RADIUS)
        .place(anchors, centroids.map { tagSize(it.label) })
    val placed = spots.map { (x, y) -> frame.data(x, y) }
    val moved = centroids.indices.filter { i ->
        val (ax, ay) = anchors[i]
        val (sx, sy) = spots[i]
        Math.hypot(sx - ax, sy - ay) > MARKER_RADIUS + tagSize(centroids[i].label).second
    }
    return NameTags(
        mapOf("x" to placed.map { it.first }, "y" to placed.map { it.second }, "label" to centroids.map { it.label }),
        mapOf(
            "x" to moved.map { centroids[it].x }, "y" to moved.map { centroids[it].y },
            "xend" to moved.map { placed[it].first }, "yend" to moved.map { placed[it].second },
        ),
    )
}
