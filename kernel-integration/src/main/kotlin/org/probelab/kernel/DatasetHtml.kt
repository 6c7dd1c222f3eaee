package org.probelab.kernel

import org.probelab.dsl.report.escapeHtml
import org.probelab.data.Dataset
import org.probelab.data.Split

/** How many leading hex digits of a checksum identify a data set to a reader. */
private const val CHECKSUM_PREFIX = 12

/** A data set as a summary table: sentences and words per split, and the checksum that identifies it. */
fun datasetHtml(dataset: Dataset): String {
    val rows = Split.values().joinToString("") { split ->
        val sentences = dataset.split(split)
        val words = sentences.sumOf { it.length().toLong() }
        "<tr><td>${split.name.lowercase()}</td><td>${sentences.size}</td><td>$words</td></tr>"
    }
    return """<table class="probelab-dataset">""" +
        """<caption>dataset <b>${escapeHtml(dataset.name())}</b>""" +
        """ <code title="${escapeHtml(dataset.checksum())}">${escapeHtml(dataset.checksum().take(CHECKSUM_PREFIX))}</code></caption>""" +
        "<thead><tr><th>split</th><th>sentences</th><th>words</th></tr></thead>" +
        "<tbody>$rows</tbody></table>"
}
