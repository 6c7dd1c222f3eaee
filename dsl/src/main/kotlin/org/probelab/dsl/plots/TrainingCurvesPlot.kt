package org.probelab.dsl.plots

import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleColorManual

/** One training stage's curves for [trainingCurves]: loss per step, and dev loss at each evaluation. */
data class StageCurves(
    val label: String,
    val steps: List<Long>,
    val losses: List<Double>,
    val devSteps: List<Long>,
    val devLosses: List<Double>,
)

/** Training loss per optimizer step (lines) and dev loss at every evaluation (points), a colour per stage. */
fun trainingCurves(stages: List<StageCurves>, title: String): Figure {
    requireNotEmpty("stages", stages)
    requireDistinctNames("stages.label", stages.map { it.label })
    stages.forEachIndexed { i, s ->
        requireSameSize("stages[$i].losses", s.losses, "stages[$i].steps", s.steps)
        requireSameSize("stages[$i].devLosses", s.devLosses, "stages[$i].devSteps", s.devSteps)
    }
    val labels = stages.map { it.label }
    val train = mapOf(
        "step" to stages.flatMap { it.steps },
        "loss" to stages.flatMap { it.losses },
        "stage" to stages.flatMap { s -> s.steps.map { "${s.label} train" } },
    )
    val dev = mapOf(
        "step" to stages.flatMap { it.devSteps },
        "loss" to stages.flatMap { it.devLosses },
        "stage" to stages.flatMap { s -> s.devSteps.map { "${s.label} dev" } },
    )
    val names = labels.flatMap { listOf("$it train", "$it dev") }
    val plot = letsPlot() +
        geomLine(data = train, size = 0.8) { x = "step"; y = "loss"; color = "stage" } +
        geomPoint(data = dev, size = 3.0) { x = "step"; y = "loss"; color = "stage" } +
        scaleColorManual(values = Palette.colours(names.size), limits = names) +
        labs(title = title, x = "optimizer step", y = "cross-entropy loss", color = "")
    return Figure(title, width = 720, height = 420, plot)
}
