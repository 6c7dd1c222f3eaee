package org.probelab.dsl.plots

import org.jetbrains.letsPlot.coord.coordFlip
import org.jetbrains.letsPlot.geom.geomBar
import org.jetbrains.letsPlot.geom.geomText
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleXDiscrete

/**
 * Each label's smallest distance to another label (DirectProbe: its nearest cluster of another label), one
 * bar per label, the nearest label written beside it; the closest labels, the ones a probe confuses
 * first, are at the top.
 */
fun minimumDistanceBars(labels: List<String>, distances: List<Double>, nearest: List<String>, title: String): Figure {
    requireNotEmpty("labels", labels)
    requireDistinctNames("labels", labels)
    requireSameSize("distances", distances, "labels", labels)
    requireSameSize("nearest", nearest, "labels", labels)
    requireFinite("distances", distances)
    distances.forEachIndexed { i, d -> require(d >= 0) { "distances[$i] ('${labels[i]}') is $d; a distance is ≥ 0" } }

    val order = labels.indices.sortedBy { distances[it] }
    val data = mapOf(
        "label" to order.map { labels[it] },
        "distance" to order.map { distances[it] },
        "nearest" to order.map { "→ ${nearest[it]} (${twoDecimals(distances[it])})" },
    )
    // Flipped: labels on the vertical axis, listed top-down from the closest.
    val plot = letsPlot(data) { x = "label"; y = "distance" } +
        geomBar(stat = org.jetbrains.letsPlot.Stat.identity, fill = "#0072B2", width = 0.7) +
        geomText(hjust = 0, nudgeY = 0.01 * (distances.max().takeIf { it > 0 } ?: 1.0), size = 6) { label = "nearest" } +
        scaleXDiscrete(limits = order.map { labels[it] }.reversed()) +
        coordFlip() +
        labs(title = title, x = "label", y = "distance to the nearest other label")
    return Figure(title, width = 720, height = maxOf(300, 120 + 26 * labels.size), plot)
}
