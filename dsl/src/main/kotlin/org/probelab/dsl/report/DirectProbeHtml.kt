package org.probelab.dsl.report

import org.probelab.dsl.directProbeClusterCounts
import org.probelab.geometry.DirectProbeSummary
import org.probelab.probe.LayerDirectProbe
import java.util.Locale

/**
 * DirectProbe's layers as an HTML fragment: the per-layer table ([directProbeTable]), the conflicts in one
 * line, and the clusters-by-layer figure of [name]'s space.
 */
fun directProbeHtml(layers: List<LayerDirectProbe>, name: String): String = """<div class="probelab-directprobe">""" +
    directProbeTable(layers) +
    conflictLine(layers) +
    inlineSvg(directProbeClusterCounts(layers, name)) +
    "</div>"

/**
 * Per layer: clusters of the training items against labels (linear when equal), conflicting items, the
 * nearest-cluster accuracy on test, the closest two labels and, when the test items were clustered too, their
 * cluster count.
 */
fun directProbeTable(layers: List<LayerDirectProbe>): String {
    val clusteredTest = layers.any { it.test() != null }
    val header = "<th>layer</th><th>clusters</th><th>labels</th><th>linear</th><th>conflicts</th>" +
        "<th>nearest-cluster accuracy</th><th>closest labels</th>" + if (clusteredTest) "<th>test clusters</th>" else ""
    val rows = layers.sortedBy { it.layer() }.joinToString("") { layer ->
        val train = layer.train()
        "<tr><td>${layer.layer()}</td><td>${train.clusterCount()}</td><td>${train.labelCount()}</td>" +
            "<td>${if (train.linear()) "yes" else "no"}</td><td>${train.conflicts().size}</td>" +
            "<td>${train.prediction()?.let { score(it.accuracy()) } ?: "–"}</td>" +
            "<td>${escapeHtml(closestLabels(train))}</td>" +
            (if (clusteredTest) "<td>${layer.test()?.clusterCount() ?: "–"}</td>" else "") + "</tr>"
    }
    return """<table class="probelab-directprobe"><thead><tr>$header</tr></thead><tbody>$rows</tbody></table>"""
}

/** The two labels whose clusters come closest, with their distance; a dash when no cluster was large enough. */
internal fun closestLabels(summary: DirectProbeSummary): String =
    summary.labelMinimum().filter { it.nearest() != null }.minByOrNull { it.distance() }
        ?.let { "${it.label()}–${it.nearest()} " + String.format(Locale.ROOT, "%.3f", it.distance()) } ?: "–"

/** How many training items sit on an item of another label, with the first such pair; nothing when none do. */
private fun conflictLine(layers: List<LayerDirectProbe>): String {
    val withConflicts = layers.sortedBy { it.layer() }.filter { it.train().conflicts().isNotEmpty() }
    if (withConflicts.isEmpty()) return ""
    val first = withConflicts.first()
    val example = first.train().conflicts().first()
    val dropped = first.train().provenance().droppedRows() > 0
    return "<p>conflicts: training items within the tolerance of an item of another label on layers " +
        withConflicts.joinToString(", ") { "${it.layer()} (${it.train().conflicts().size})" } +
        "; e.g. layer ${first.layer()}, item ${example.row()} (${escapeHtml(example.label())}) and item " +
        "${example.otherRow()} (${escapeHtml(example.otherLabel())}). " +
        (if (dropped) "They were dropped before clustering." else "Each stays a cluster of its own; " +
            "directProbe(dropConflicts = true) drops them.") + "</p>"
}
