package org.probelab.dsl.report

import org.probelab.dsl.LayerSimilarity
import org.probelab.dsl.SpatialSimilarity

/**
 * A CKA comparison as an HTML fragment: what was compared in one line, the debiased heatmap and the
 * line of each layer against its counterpart (or, within one run, against the next layer).
 */
fun layerSimilarityHtml(similarity: LayerSimilarity): String = """<div class="probelab-similarity">""" +
    "<p>linear CKA on ${similarity.items} ${escapeHtml(similarity.split)} items: " +
    "<b>${escapeHtml(similarity.rowsFrom.name)}</b> (${escapeHtml(similarity.rowsFrom.provenance.modelId)}) " +
    "vs <b>${escapeHtml(similarity.columnsFrom.name)}</b> (${escapeHtml(similarity.columnsFrom.provenance.modelId)})</p>" +
    inlineSvg(similarity.heatmap()) +
    (if (similarity.diagonal().first().layers.isEmpty()) "" else inlineSvg(similarity.diagonalByLayer())) +
    "</div>"

/**
 * A spatial similarity as an HTML fragment: what was compared, the correlation of label-pair distances by
 * layer (with one sentence on the layers that have none, e.g. DirectProbe on a small data set), the movement of
 * each label's centroid, and per layer the number of label pairs compared and the correlation.
 */
fun spatialSimilarityHtml(similarity: SpatialSimilarity): String = """<div class="probelab-similarity">""" +
    "<p>spatial similarity of ${escapeHtml(similarity.distances)}: <b>${escapeHtml(similarity.from.name)}</b> " +
    "(${escapeHtml(similarity.fromSplit)}) vs <b>${escapeHtml(similarity.to.name)}</b> " +
    "(${escapeHtml(similarity.toSplit)})</p>" +
    (similarity.uncorrelated()?.let { "<p>${escapeHtml(it)}</p>" } ?: "") +
    (if (similarity.layers.any { it.correlation != null }) inlineSvg(similarity.correlationByLayer()) else "") +
    inlineSvg(similarity.movementHeatmap()) +
    spatialTable(similarity) +
    "</div>"

private fun spatialTable(similarity: SpatialSimilarity): String {
    val rows = similarity.layers.joinToString("") { layer ->
        "<tr><td>${layer.layer}</td><td>${layer.pairs}</td>" +
            "<td>${layer.correlation?.let(::score) ?: "–"}</td></tr>"
    }
    return """<table class="probelab-spatial"><thead><tr><th>layer</th><th>label pairs</th><th>Pearson r</th>""" +
        "</tr></thead><tbody>$rows</tbody></table>"
}
