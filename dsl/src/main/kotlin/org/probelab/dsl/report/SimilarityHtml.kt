package org.probelab.dsl.report

import org.probelab.dsl.LayerSimilarity

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
