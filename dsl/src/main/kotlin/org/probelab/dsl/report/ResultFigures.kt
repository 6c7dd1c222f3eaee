package org.probelab.dsl.report

import org.probelab.dsl.plots.Figure
import org.probelab.dsl.plots.LayerCurve
import org.probelab.dsl.plots.accuracyByLayer
import org.probelab.dsl.plots.confusionHeatmap
import org.probelab.probe.LayerScore
import org.probelab.probe.ProbeKind
import org.probelab.probe.ProbeResult
import org.probelab.probe.ProbingResult
import org.probelab.represent.Task
import java.util.Locale

/** The probe kinds present in [result], in the spec's order. */
fun probedKinds(result: ProbingResult): List<ProbeKind> =
    result.spec().probes().filter { result.of(it).isNotEmpty() }

/** Test accuracy by layer, one curve per probe kind; error bars (std over seeds) when there were several seeds. */
fun accuracyFigure(result: ProbingResult): Figure {
    val curves = probedKinds(result).map { kind ->
        val scores = result.of(kind).sortedBy { it.layer() }
        val seeded = scores.any { it.result().seedEvaluations().size > 1 }
        LayerCurve(
            label = kindName(kind),
            layers = scores.map { it.layer() },
            mean = scores.map { it.result().testAccuracy().mean() },
            std = if (seeded) scores.map { it.result().testAccuracy().std() } else null,
        )
    }
    return accuracyByLayer(curves, "${result.provenance().dataName()} ${Task.describe(result.spec().task())}: test accuracy by layer")
}

/**
 * The confusion matrix of [result]'s first seed on test, each gold row normalised. The title is short
 * because a heatmap of a few labels is narrow and Lets-Plot clips a longer one.
 */
fun confusionFigure(result: ProbeResult, title: String = "${result.subject()}, ${kindName(result.kind())} probe"): Figure {
    val evaluation = result.firstSeed()
    return confusionHeatmap(evaluation.labels(), evaluation.confusion().map { it.toList() }, title)
}

/** The layer where [kind] scores the highest mean test accuracy (the lower layer on a tie). */
fun bestLayer(result: ProbingResult, kind: ProbeKind): LayerScore =
    result.of(kind).sortedBy { it.layer() }.maxByOrNull { it.result().testAccuracy().mean() }
        ?: throw IllegalArgumentException("the result has no ${kindName(kind)} scores")

internal fun kindName(kind: ProbeKind): String = kind.name.lowercase(Locale.ROOT)
