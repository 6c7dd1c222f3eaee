package org.probelab.dsl.report

import org.probelab.probe.LayerSelectivity
import org.probelab.probe.ProbeResult
import org.probelab.probe.ProbingResult
import org.probelab.probe.Provenance
import java.util.Locale

/**
 * A probing result as an HTML fragment (for a notebook cell or a page): where it came from in one line,
 * the per-layer table and the accuracy-by-layer figure inline.
 */
fun probingResultHtml(result: ProbingResult): String = """<div class="probelab-result">""" +
    provenanceLine(result.provenance()) +
    layerTable(result) +
    notesList(result.notes()) +
    inlineSvg(accuracyFigure(result)) +
    (if (result.directProbes().isEmpty()) "" else directProbeHtml(result.directProbes(), result.provenance().dataName())) +
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
        trainingLine(result) +
        inlineSvg(confusionFigure(result)) +
        "</div>"
}

/** How many of the probe's trained configs and seeds ran out of budget, and how many of those were still improving. */
private fun trainingLine(result: ProbeResult): String {
    val trained = result.trainedProbes()
    val ranOut = trained.count { it.training().budgetRanOut() }
    val peaked = trained.count { it.training().peakedAtLastEpoch() }
    return "<p>${trained.size} probes trained; the budget ran out for $ranOut, " +
        "$peaked of them with their best dev accuracy at the last epoch allowed</p>"
}

/**
 * Layer per row; per probe kind its test accuracy (mean ± std over seeds), mean macro-F1 and chosen config,
 * with a control task its control accuracy and selectivity, with MDL its codelength and compression. Each
 * kind's best layer is marked, so the peak is visible without reading every number.
 */
fun layerTable(result: ProbingResult): String {
    val kinds = probedKinds(result)
    val best = kinds.associateWith { bestLayer(result, it).layer() }
    val selectivity = kinds.associateWith { kind -> result.selectivity(kind).associateBy { it.layer() } }
    val controlled = result.controlScores().isNotEmpty()
    val codes = kinds.associateWith { kind -> result.codelengths().filter { it.kind() == kind }.associateBy { it.layer() } }
    val coded = result.codelengths().isNotEmpty()
    val header = kinds.joinToString("") { kind ->
        val name = kindName(kind)
        "<th>$name accuracy</th><th>$name macro-F1</th><th>$name config</th>" +
            (if (controlled) "<th>$name control</th><th>$name selectivity</th>" else "") +
            if (coded) codelengthHeaders(name) else ""
    }
    val rows = result.scores().map { it.layer() }.distinct().sorted().joinToString("") { layer ->
        val cells = kinds.joinToString("") { kind ->
            val probe = result.of(kind).firstOrNull { it.layer() == layer }?.result()
            if (probe == null) {
                "<td>–</td><td>–</td><td>–</td>" + (if (controlled) "<td>–</td><td>–</td>" else "") +
                    if (coded) "<td>–</td><td>–</td>" else ""
            } else {
                val mark = if (best[kind] == layer) """ class="best"""" else ""
                "<td$mark>${accuracy(probe)}</td>" +
                    "<td>${score(probe.testMacroF1().mean())}</td>" +
                    "<td><code>${escapeHtml(probe.best().describe())}</code></td>" +
                    (if (controlled) selectivityCells(selectivity.getValue(kind)[layer]) else "") +
                    if (coded) codelengthCells(codes.getValue(kind)[layer]?.code()?.let { it.onlineBits() to it.compression() }) else ""
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

internal fun codelengthHeaders(kind: String) = "<th>$kind codelength (kbit)</th><th>$kind compression</th>"

/** Online codelength in kbit and compression of one layer's probe; dashes where it was not measured. */
internal fun codelengthCells(code: Pair<Double, Double>?): String =
    if (code == null) "<td>–</td><td>–</td>"
    else "<td>${String.format(Locale.ROOT, "%.1f", code.first / 1000)}</td>" +
        "<td>${String.format(Locale.ROOT, "%.2f", code.second)}</td>"

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
