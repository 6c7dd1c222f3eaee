package org.probelab.cli

import org.probelab.probe.LayerDirectProbe
import java.util.Locale

/**
 * DirectProbe's layers as terminal text: per layer the clusters of the training items against the labels, whether
 * they are linearly separable, conflicting items, the nearest-cluster accuracy on test, and the closest two labels.
 */
internal fun directProbeText(layers: List<LayerDirectProbe>): String {
    val table = Table(listOf("layer", "clusters", "labels", "linear", "conflicts", "accuracy", "closest labels", "distance"))
    for (layer in layers.sortedBy { it.layer() }) {
        val train = layer.train()
        val closest = train.labelMinimum().filter { it.nearest() != null }.minByOrNull { it.distance() }
        table.row(
            layer.layer().toString(), train.clusterCount().toString(), train.labelCount().toString(),
            if (train.linear()) "yes" else "no", train.conflicts().size.toString(),
            train.prediction()?.let { String.format(Locale.ROOT, "%.4f", it.accuracy()) } ?: "-",
            closest?.let { "${it.label()}-${it.nearest()}" } ?: "-",
            closest?.let { String.format(Locale.ROOT, "%.3f", it.distance()) } ?: "-",
        )
    }
    val options = layers.first().train().provenance().options()
    return "DirectProbe (clusters of the training items, tolerance ${options.tolerance()}" +
        (if (options.dropConflicts()) ", conflicts dropped" else "") + "; accuracy = nearest cluster on test)" +
        System.lineSeparator() + table
}
