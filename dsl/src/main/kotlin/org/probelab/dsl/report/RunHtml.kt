package org.probelab.dsl.report

import org.probelab.dsl.ExperimentResult
import org.probelab.dsl.LayerProbeScore
import org.probelab.dsl.ProbeSettings
import org.probelab.dsl.Run
import org.probelab.dsl.RunProvenance
import org.probelab.dsl.plots.accuracyByLayer
import org.probelab.probe.ProbeConfig
import org.probelab.probe.Provenance

/** A DSL run as an HTML fragment: its name and directory, then [experimentResultHtml] of its result. */
fun runHtml(run: Run): String = """<div class="probelab-run">""" +
    "<p><b>${escapeHtml(run.spec.name)}</b> in <code>${escapeHtml(run.dir.toString())}</code></p>" +
    experimentResultHtml(run.result, "${run.spec.name}: test accuracy by layer") +
    "</div>"

/**
 * A DSL result as an HTML fragment, like [probingResultHtml] for core's: where it came from in one line,
 * the per-layer table and the accuracy-by-layer figure inline.
 */
fun experimentResultHtml(result: ExperimentResult, title: String = "test accuracy by layer"): String =
    """<div class="probelab-result">""" +
        provenanceLine(result.provenance.toProvenance()) +
        experimentLayerTable(result) +
        inlineSvg(accuracyByLayer(result.kinds().map { result.curve(it) }, title)) +
        "</div>"

/**
 * [layerTable] for a DSL result: per probe kind its test accuracy, mean macro-F1 and chosen config, and with a
 * control task its control accuracy and selectivity; best layer marked.
 */
fun experimentLayerTable(result: ExperimentResult): String {
    val kinds = result.kinds()
    val best = kinds.associateWith { kind -> result.of(kind).maxByOrNull { it.accuracy.mean }?.layer }
    val selectivity = kinds.associateWith { kind -> result.selectivity(kind).associateBy { it.layer() } }
    val controlled = result.control.isNotEmpty()
    val header = kinds.joinToString("") { kind ->
        val name = kindName(kind)
        "<th>$name accuracy</th><th>$name macro-F1</th><th>$name config</th>" +
            if (controlled) "<th>$name control</th><th>$name selectivity</th>" else ""
    }
    val rows = result.scores.map { it.layer }.distinct().sorted().joinToString("") { layer ->
        val cells = kinds.joinToString("") { kind ->
            val score = result.score(layer, kind)
            if (score == null) {
                "<td>–</td><td>–</td><td>–</td>" + if (controlled) "<td>–</td><td>–</td>" else ""
            } else {
                // bold as well as the class: a notebook shows the fragment without the report page's style sheet
                val cell = if (best[kind] == layer) """<td class="best"><b>${accuracy(score)}</b></td>""" else "<td>${accuracy(score)}</td>"
                cell +
                    "<td>${score(score.macroF1.mean)}</td>" +
                    "<td><code>${escapeHtml(score.chosen.toConfig().describe())}</code></td>" +
                    if (controlled) selectivityCells(selectivity.getValue(kind)[layer]) else ""
            }
        }
        "<tr><td>$layer</td>$cells</tr>"
    }
    return """<table class="probelab-layers"><thead><tr><th>layer</th>$header</tr></thead><tbody>$rows</tbody></table>"""
}

/** Mean ± std over seeds; a single seed has no spread to show. */
private fun accuracy(score: LayerProbeScore): String =
    if (score.seeds.size == 1) score(score.accuracy.mean)
    else escapeHtml("${score(score.accuracy.mean)} ± ${score(score.accuracy.std)}")

private fun ProbeSettings.toConfig() = ProbeConfig(kind, h1, h2, l2, learningRate, batchSize, maxEpochs, patience, seed)

private fun RunProvenance.toProvenance() =
    Provenance(modelId, modelChecksum, dataName, dataChecksum, rows, representationKey, device, versions, startedAt, seconds)
