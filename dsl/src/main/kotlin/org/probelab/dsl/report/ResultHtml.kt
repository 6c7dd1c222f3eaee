package org.probelab.dsl.report

import org.probelab.probe.LayerSelectivity
import org.probelab.probe.ProbeResult
import org.probelab.probe.ProbingResult
import org.probelab.probe.Provenance

/**
 * A probing result as an HTML fragment (for a notebook cell or a page): where it came from in one line,
 * the per-layer table and the accuracy-by-layer figure inline.
 */
fun probingResultHtml(result: ProbingResult): String = """<div class="probelab-result">""" +
    provenanceLine(result.provenance()) +
    layerTable(result) +
    inlineSvg(accuracyFigure(result)) +
    "</div>"

/** One layer's probe: the chosen config, its test scores per seed and the first seed's confusion heatmap. */
fun probeResultHtml(result: ProbeResult): String {
    val seeds = result.seedEvaluations().mapIndexed { i, evaluation ->
        "<tr><td>${i + 1}</td><td>${score(evaluation.accuracy())}</td><td>${score(evaluation.macroF1())}</td></tr>"
    }.joinToString("")
    val summary = "<tr><th>mean ± std</th><td>${escapeHtml(result.testAccuracy().toString())}</td>" +
        "<td>${escapeHtml(result.testMacroF1().toString())}</td></tr>"
    return """<div class="probelab-probe">""" +
        "<p><b>${escapeHtml(result.subject())}</b>, ${kindName(result.kind())} probe: " +
        "<code>${escapeHtml(result.best().describe())}</code>, chosen on dev among ${result.grid().size} " +
        (if (result.grid().size == 1) "config" else "configs") + "</p>" +
        """<table class="probelab-seeds"><thead><tr><th>seed</th><th>test accuracy</th><th>macro-F1</th></tr></thead>""" +
        "<tbody>$seeds</tbody><tfoot>$summary</tfoot></table>" +
        inlineSvg(confusionFigure(result)) +
        "</div>"
}

/**
 * Layer per row; per probe kind its test accuracy (mean ± std over seeds), mean macro-F1 and chosen config,
 * and with a control task its control accuracy and selectivity. Each kind's best layer is marked, so the
 * peak is visible without reading every number.
 */
fun layerTable(result: ProbingResult): String {
    val kinds = probedKinds(result)
    val best = kinds.associateWith { bestLayer(result, it).layer() }
    val selectivity = kinds.associateWith { kind -> result.selectivity(kind).associateBy { it.layer() } }
    val controlled = result.controlScores().isNotEmpty()
    val header = kinds.joinToString("") { kind ->
        val name = kindName(kind)
        "<th>$name accuracy</th><th>$name macro-F1</th><th>$name config</th>" +
            if (controlled) "<th>$name control</th><th>$name selectivity</th>" else ""
    }
    val rows = result.scores().map { it.layer() }.distinct().sorted().joinToString("") { layer ->
        val cells = kinds.joinToString("") { kind ->
            val probe = result.of(kind).firstOrNull { it.layer() == layer }?.result()
            if (probe == null) {
                "<td>–</td><td>–</td><td>–</td>" + if (controlled) "<td>–</td><td>–</td>" else ""
            } else {
                val mark = if (best[kind] == layer) """ class="best"""" else ""
                "<td$mark>${accuracy(probe)}</td>" +
                    "<td>${score(probe.testMacroF1().mean())}</td>" +
                    "<td><code>${escapeHtml(probe.best().describe())}</code></td>" +
                    if (controlled) selectivityCells(selectivity.getValue(kind)[layer]) else ""
            }
        }
        "<tr><td>$layer</td>$cells</tr>"
    }
    return """<table class="probelab-layers"><thead><tr><th>layer</th>$header</tr></thead><tbody>$rows</tbody></table>"""
}

/** Control accuracy and selectivity of one layer's probe; dashes where the control was not probed. */
internal fun selectivityCells(row: LayerSelectivity?): String =
    if (row == null) "<td>–</td><td>–</td>"
    else "<td>${score(row.controlAccuracy())}</td><td>${score(row.selectivity())}</td>"

/** Mean ± std over seeds; a single seed has no spread to show. */
private fun accuracy(probe: ProbeResult): String =
    if (probe.seedEvaluations().size == 1) score(probe.testAccuracy().mean())
    else escapeHtml(probe.testAccuracy().toString())

/** Model, data, rows, device and versions in one line; checksums shortened, in full on hover. */
fun provenanceLine(p: Provenance): String {
    val rows = p.rows().entries.joinToString("/") { it.value.toString() }
    val versions = p.versions().entries.joinToString(", ") { "${it.key} ${it.value}" }
    return """<p class="probelab-provenance">model <b>${escapeHtml(p.modelId())}</b> ${checksum(p.modelChecksum())}""" +
        " · data <b>${escapeHtml(p.dataName())}</b> ${checksum(p.dataChecksum())}" +
        " · rows ${escapeHtml(p.rows().keys.joinToString("/"))} $rows" +
        " · ${escapeHtml(p.device())} · ${escapeHtml(versions)}</p>"
}

private fun checksum(sum: String): String =
    """<code title="${escapeHtml(sum)}">${escapeHtml(sum.take(CHECKSUM_PREFIX))}</code>"""
