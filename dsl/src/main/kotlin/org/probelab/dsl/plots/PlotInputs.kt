package org.probelab.dsl.plots

/**
 * One line of [accuracyByLayer]: a run, stage or probe measured at several encoder layers.
 * [std] (one per layer, over seeds) draws error bars; null when there was a single seed.
 */
data class LayerCurve(
    val label: String,
    val layers: List<Int>,
    val mean: List<Double>,
    val std: List<Double>? = null,
)

/** One point of [pcaScatter], in projected coordinates, with the label it is coloured by. */
data class Point2(val x: Double, val y: Double, val label: String)
