package org.probelab.dsl.report

import org.probelab.dsl.directProbeLabelDistances
import org.probelab.dsl.directProbeMinimumDistances
import org.probelab.probe.ProbingResult
import org.probelab.probe.ProbingSpec
import org.probelab.probe.Provenance
import org.probelab.represent.Task

private const val STYLE = """
body { font-family: sans-serif; margin: 24px; color: #222; background: #fff; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; white-space: nowrap; }
td.best { font-weight: bold; background: #e8f0fb; }
code { font-size: 90%; white-space: normal; }
figure { margin: 8px 0 24px; }
.figures { display: flex; flex-wrap: wrap; gap: 24px; }
"""

/**
 * A probing run as one self-contained HTML page: spec, provenance, the per-layer table, the accuracy
 * figure and, per probe kind, the confusion heatmap of its best layer. No scripts, no external resources.
 */
fun reportPage(result: ProbingResult): String {
    val title = "probelab: ${result.provenance().dataName()} ${result.spec().describeTask()} on ${result.provenance().modelId()}"
    val confusions = probedKinds(result).joinToString("\n") { kind ->
        val best = bestLayer(result, kind)
        val figure = confusionFigure(best.result(), "${kindName(kind)} probe, layer ${best.layer()} (best)")
        "<figure>${inlineSvg(figure)}</figure>"
    }
    return """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>$STYLE</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<h2>Spec</h2>
${specTable(result.spec())}
<h2>Provenance</h2>
${provenanceTable(result.provenance())}
<h2>Test accuracy by layer</h2>
${layerTable(result)}
${notesList(result.notes())}
<figure>${inlineSvg(accuracyFigure(result))}</figure>
<h2>Confusion on test at the best layer</h2>
<div class="figures">
$confusions
</div>
${directProbeSection(result)}</body>
</html>
"""
}

/** DirectProbe's table and figures, with the label distances of the layer where the labels lie farthest apart. */
private fun directProbeSection(result: ProbingResult): String {
    val layers = result.directProbes()
    if (layers.isEmpty()) return ""
    val widest = layers.filter { it.train().labelPairs().isNotEmpty() }
        .maxByOrNull { layer -> layer.train().labelPairs().minOf { it.meanDistance() } }
    val distances = widest?.let {
        val name = "layer ${it.layer()} (labels farthest apart)"
        "<div class=\"figures\"><figure>${inlineSvg(directProbeLabelDistances(it.train(), "DirectProbe label distances, $name"))}</figure>" +
            "<figure>${inlineSvg(directProbeMinimumDistances(it.train(), "nearest other label, $name"))}</figure></div>"
    } ?: ""
    return "<h2>DirectProbe: clusters of the training items</h2>\n" +
        directProbeHtml(layers, result.provenance().dataName()) + distances
}

private fun specTable(spec: ProbingSpec): String = fieldTable(
    "model" to spec.model(),
    "data" to spec.data(),
    "task" to Task.describe(spec.task()),
    "layers" to if (spec.layers().isEmpty()) "all" else spec.layers().joinToString(", "),
    "probes" to spec.probes().joinToString(", ") { kindName(it) },
    "mode" to if (spec.quick()) "quick (one config per probe)" else "grid search",
    "seeds" to spec.seedsOrDefault().toString(),
    "word pooling" to spec.extraction().wordPooling().toString(),
    "sentence pooling" to spec.extraction().sentencePooling().toString(),
    "vector precision" to spec.extraction().precision().toString(),
    "compute precision" to spec.extraction().compute().label(),
    "DirectProbe" to (spec.directProbe()?.let {
        "tolerance ${it.tolerance()}, conflicts " + (if (it.dropConflicts()) "dropped" else "kept") +
            if (it.clusterTest()) ", test clustered too" else ""
    } ?: "no"),
)

private fun provenanceTable(p: Provenance): String = fieldTable(
    "model" to "${p.modelId()}  (sha256 ${p.modelChecksum()})",
    "data" to "${p.dataName()}  (sha256 ${p.dataChecksum()})",
    "rows" to p.rows().entries.joinToString(", ") { "${it.key} ${it.value}" },
    "vectors" to p.representationKey(),
    "device" to p.device(),
    "versions" to p.versions().entries.joinToString(", ") { "${it.key} ${it.value}" },
    "started" to p.startedAt(),
    "seconds" to p.seconds().entries.joinToString(", ") { "${it.key} ${it.value}" },
)

private fun fieldTable(vararg fields: Pair<String, String>): String =
    """<table class="probelab-fields">""" +
        fields.joinToString("") { (name, value) -> "<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>" } +
        "</table>"
