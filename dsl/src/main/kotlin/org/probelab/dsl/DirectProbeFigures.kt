package org.probelab.dsl

import org.probelab.dsl.plots.Figure
import org.probelab.dsl.plots.LayerCurve
import org.probelab.dsl.plots.accuracyByLayer
import org.probelab.dsl.plots.clusterCountByLayer
import org.probelab.dsl.plots.labelDistanceHeatmap
import org.probelab.dsl.plots.minimumDistanceBars
import org.probelab.geometry.DirectProbeSummary
import org.probelab.probe.LayerDirectProbe

/*
 * DirectProbe's figures from its per-layer results, for a run, a report page and the command line alike.
 * [name] says whose space it is (a run's or the data's name).
 */

/** Clusters of the training items per layer against the number of labels: on the line, the labels are linearly separable. */
fun directProbeClusterCounts(layers: List<LayerDirectProbe>, name: String): Figure {
    val sorted = requireLayers(layers)
    return clusterCountByLayer(
        sorted.map { it.layer() }, sorted.map { it.train().clusterCount() }, sorted.first().train().labelCount(),
        "$name: DirectProbe clusters by layer",
    )
}

/** Test accuracy of the nearest-cluster prediction per layer, one curve. */
fun directProbeAccuracyCurve(layers: List<LayerDirectProbe>): LayerCurve {
    val predicted = requireLayers(layers).filter { it.train().prediction() != null }
    require(predicted.isNotEmpty()) { "DirectProbe predicted no test items on any layer" }
    return LayerCurve("DirectProbe", predicted.map { it.layer() }, predicted.map { it.train().prediction().accuracy() })
}

/** The mean distance between the clusters of every two labels (clusters of more than 5 items, as the paper). */
fun directProbeLabelDistances(summary: DirectProbeSummary, title: String): Figure {
    require(summary.labelPairs().isNotEmpty()) {
        "DirectProbe kept no pair of clusters larger than ${summary.provenance().options().smallCluster()} items " +
            "of two labels, so there is no label distance to draw"
    }
    return labelDistanceHeatmap(
        summary.labels(),
        summary.labelPairs().associate { setOf(it.first(), it.second()) to it.meanDistance() },
        title,
    )
}

/** Each label's distance to its nearest cluster of another label; labels without a counted cluster are left out. */
fun directProbeMinimumDistances(summary: DirectProbeSummary, title: String): Figure {
    val measured = summary.labelMinimum().filter { it.nearest() != null }
    require(measured.isNotEmpty()) {
        "DirectProbe kept no cluster larger than ${summary.provenance().options().smallCluster()} items next to " +
            "another label's, so there is no minimum distance to draw"
    }
    return minimumDistanceBars(measured.map { it.label() }, measured.map { it.distance() }, measured.map { it.nearest() }, title)
}

private fun requireLayers(layers: List<LayerDirectProbe>): List<LayerDirectProbe> {
    require(layers.isNotEmpty()) {
        "this run has no DirectProbe results; declare probes { directProbe() } (CLI: probelab probe --direct-probe) " +
            "and run again"
    }
    return layers.sortedBy { it.layer() }
}
