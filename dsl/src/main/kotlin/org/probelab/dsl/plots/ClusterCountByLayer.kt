package org.probelab.dsl.plots

import org.jetbrains.letsPlot.geom.geomHLine
import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleXContinuous

/**
 * How many clusters DirectProbe needed per layer ([clusters], one per entry of [layers]) against the number
 * of labels ([labels], the dashed line): a layer on the line keeps its labels linearly separable as they
 * stand; above it, some labels need several regions.
 */
fun clusterCountByLayer(layers: List<Int>, clusters: List<Int>, labels: Int, title: String): Figure {
    requireNotEmpty("layers", layers)
    requireSameSize("clusters", clusters, "layers", layers)
    require(layers.toSet().size == layers.size) { "layers repeats a layer: $layers" }
    require(labels >= 1) { "labels is $labels; a labelled space has at least one label" }
    clusters.forEachIndexed { i, c ->
        require(c >= labels) { "clusters[$i] is $c, fewer than the $labels labels; every label has a cluster" }
    }
    val data = mapOf("layer" to layers, "clusters" to clusters)
    val plot = letsPlot(data) { x = "layer"; y = "clusters" } +
        geomHLine(yintercept = labels, linetype = "dashed", color = "#999999") +
        geomLine(size = 1.0, color = "#0072B2") +
        geomPoint(size = 3.0, color = "#0072B2") +
        scaleXContinuous(breaks = layers.sorted(), format = "d") +
        labs(title = title, x = "layer", y = "clusters (dashed: $labels labels)")
    return Figure(title, width = 720, height = 420, plot)
}
