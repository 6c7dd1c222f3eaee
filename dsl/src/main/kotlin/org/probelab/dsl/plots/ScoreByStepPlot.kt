package org.probelab.dsl.plots

import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleColorManual

/** One run's score at several optimizer steps, for [scoreByStep]. */
data class StepScores(val label: String, val steps: List<Long>, val scores: List<Double>)

/** A score measured as training goes (e.g. a downstream probe's dev accuracy at every evaluation), a line per run. */
fun scoreByStep(curves: List<StepScores>, title: String, yLabel: String): Figure {
    requireNotEmpty("curves", curves)
    requireDistinctNames("curves.label", curves.map { it.label })
    curves.forEachIndexed { i, c ->
        requireNotEmpty("curves[$i].steps", c.steps)
        requireSameSize("curves[$i].scores", c.scores, "curves[$i].steps", c.steps)
        requireFinite("curves[$i].scores", c.scores)
    }
    val labels = curves.map { it.label }
    val points = mapOf(
        "step" to curves.flatMap { it.steps },
        "score" to curves.flatMap { it.scores },
        "run" to curves.flatMap { c -> c.steps.map { c.label } },
    )
    val plot = letsPlot(points) { x = "step"; y = "score"; color = "run" } +
        geomLine(size = 1.0) +
        geomPoint(size = 3.0) +
        scaleColorManual(values = Palette.colours(labels.size), limits = labels) +
        labs(title = title, x = "optimizer step", y = yLabel, color = "")
    return Figure(title, width = 720, height = 420, plot)
}
