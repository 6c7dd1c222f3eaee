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
 * layer and the movement of each label's centroid.
 */
fun spatialSimilarityHtml(similarity: SpatialSimilarity): String = """<div class="probelab-similarity">""" +
    "<p>spatial similarity of ${escapeHtml(similarity.distances)}: <b>${escapeHtml(similarity.from.name)}</b> " +
    "(${escapeHtml(similarity.fromSplit)}) vs <b>${escapeHtml(similarity.to.name)}</b> " +
    "(${escapeHtml(similarity.toSplit)})</p>" +
    inlineSvg(similarity.correlationByLayer()) +
    inlineSvg(similarity.movementHeatmap()) +
    "</div>"
