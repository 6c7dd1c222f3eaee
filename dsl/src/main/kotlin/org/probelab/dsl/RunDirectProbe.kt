package org.probelab.dsl

import org.probelab.dsl.plots.Figure
import org.probelab.dsl.plots.accuracyByLayer
import org.probelab.probe.LayerDirectProbe

/*
 * DirectProbe on a finished run declared with `probes { directProbe() }`: its per-layer results in
 * [ExperimentResult.directProbes], drawn here.
 */

/** DirectProbe on [layer]. */
fun Run.directProbe(layer: Int): LayerDirectProbe = result.directProbe(layer) ?: throw IllegalArgumentException(
    if (result.directProbes.isEmpty()) {
        "directProbe: ${spec.name} did not run DirectProbe; declare probes { directProbe() } and run again"
    } else {
        "directProbe: ${spec.name} ran DirectProbe on layers ${result.directProbes.map { it.layer() }}, not on layer $layer"
    },
)

/** How many clusters DirectProbe needed per layer against the number of labels. */
fun Run.clusterCountByLayer(): Figure = directProbeClusterCounts(result.directProbes, spec.name)

/**
 * Test accuracy of DirectProbe's nearest-cluster prediction per layer, beside each probe kind's: where they meet,
 * the probe gains nothing over the space's own clusters.
 */
fun Run.directProbeAccuracyByLayer(): Figure = accuracyByLayer(
    listOf(directProbeAccuracyCurve(result.directProbes)) + accuracyByLayer(),
    "${spec.name}: nearest-cluster (DirectProbe) and probe accuracy by layer",
)

/** The mean distance between the clusters of every two labels on [layer] (training items). */
fun Run.labelDistances(layer: Int): Figure =
    directProbeLabelDistances(directProbe(layer).train(), "${spec.name}: DirectProbe distance between labels, layer $layer")

/** Each label's distance to its nearest cluster of another label on [layer], closest first. */
fun Run.minimumDistances(layer: Int): Figure =
    directProbeMinimumDistances(directProbe(layer).train(), "${spec.name}: distance to the nearest other label, layer $layer")
