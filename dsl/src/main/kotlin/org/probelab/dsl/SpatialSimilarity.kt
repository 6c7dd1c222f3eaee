package org.probelab.dsl

import kotlinx.serialization.Serializable
import org.probelab.dsl.plots.Figure
import org.probelab.dsl.plots.LayerCurve
import org.probelab.dsl.plots.Point2
import org.probelab.dsl.plots.accuracyByLayer
import org.probelab.dsl.plots.centroidShift
import org.probelab.dsl.plots.labelByLayerHeatmap
import org.probelab.dsl.plots.labelDistanceHeatmap
import org.probelab.dsl.plots.pcaScatter
import org.probelab.geometry.DirectProbeSummary
import org.probelab.geometry.LabelCentroids
import org.probelab.geometry.LabelPairDistances
import org.probelab.geometry.Pca
import org.probelab.data.Split
import java.util.Locale

/**
 * How the layout of the labels in a space changes between two spaces of the same layers, as in Zhou &
 * Srikumar, "A Closer Look at How Fine-tuning Changes BERT" (ACL 2022): per layer, the Pearson correlation
 * between the two spaces' label-pair distance vectors (1: the labels keep their relative layout) and how far
 * each label's centroid moved. The two spaces are the train and test items of one run, or one split of two
 * runs of the same data and task (a model before and after fine-tuning). The label-pair distances are between
 * label centroids or, as in the paper, DirectProbe's mean distances between the clusters of two labels
 * ([distances] says which); the movement is always the centroids'.
 *
 * @property from      the first space's run and split
 * @property to        the second space's run and split
 * @property layers    one entry per layer both runs probed, ascending
 * @property distances what a label-pair distance is: [CENTROIDS] or [DIRECTPROBE]
 * @property smallCluster with [DIRECTPROBE], the size up to which a cluster is left out of the label-pair
 *                     distances (the first space's setting); null for centroids
 */
@Serializable
data class SpatialSimilarity(
    val from: RunSource,
    val fromSplit: String,
    val to: RunSource,
    val toSplit: String,
    val layers: List<SpatialLayer>,
    val distances: String = CENTROIDS,
    val smallCluster: Int? = null,
) {
    private val description get() =
        if (from == to) "${from.name}, $fromSplit vs $toSplit" else "${from.name} vs ${to.name}, $fromSplit"

    /** The correlation of label-pair distances by layer, as a line over the layers that have one. */
    fun correlationByLayer(): Figure {
        val measured = layers.filter { it.correlation != null }
        require(measured.isNotEmpty()) { uncorrelated()!! }
        return accuracyByLayer(
            listOf(LayerCurve("Pearson r", measured.map { it.layer }, measured.map { it.correlation!! })),
            "spatial similarity ($distances): $description",
            "correlation of label-pair distances",
        )
    }

    /**
     * One sentence naming the layers without a correlation and why (too few label pairs in both spaces; with
     * DirectProbe, whose label distances count only clusters above [smallCluster], a small data set has few),
     * or null when every layer has one.
     */
    fun uncorrelated(): String? {
        val missing = layers.filter { it.correlation == null }
        if (missing.isEmpty()) return null
        val which = if (missing.size == 1) "layer ${missing[0].layer}" else "layers " + missing.joinToString { "${it.layer}" }
        val fewest = missing.minOf { it.pairs }
        val most = missing.maxOf { it.pairs }
        val why = smallCluster?.let {
            "; DirectProbe's label distances count only clusters of more than $it items, as the paper does: " +
                "cluster more items (e.g. more sentences)"
        } ?: ""
        return "no correlation on $which: only ${if (fewest == most) "$fewest" else "$fewest–$most"} label pairs are " +
            "in both spaces (a correlation needs at least ${LabelPairDistances.MIN_SHARED_PAIRS})$why"
    }

    /** How far each label's centroid moved, label × layer. */
    fun movementHeatmap(): Figure {
        val labels = layers.flatMap { it.movement.keys }.distinct().sorted()
        return labelByLayerHeatmap(
            labels, layers.map { it.layer }, labels.map { label -> layers.map { it.movement[label] } },
            "centroid movement: $description", "distance moved",
        )
    }

    /** The result as pretty JSON. */
    fun toJson(): String = ExperimentJson.format.encodeToString(serializer(), this)

    companion object {
        /** Distances between label centroids. */
        const val CENTROIDS = "label centroids"

        /** DirectProbe's mean distance between the clusters of two labels (Zhou & Srikumar, ACL 2022). */
        const val DIRECTPROBE = "DirectProbe clusters"

        fun fromJson(json: String): SpatialSimilarity = ExperimentJson.format.decodeFromString(serializer(), json)
    }
}

/**
 * One layer of a [SpatialSimilarity].
 *
 * @property pairs       how many label pairs both spaces have a distance for
 * @property correlation Pearson correlation between the two spaces' label-pair distance vectors, over those
 *                       pairs; null when they are fewer than [LabelPairDistances.MIN_SHARED_PAIRS]
 * @property movement    per label both spaces have, the distance between its two centroids
 */
@Serializable
data class SpatialLayer(val layer: Int, val pairs: Int, val correlation: Double?, val movement: Map<String, Double>)

/** Train against test of this run, per probed layer: do the labels keep their layout on unseen items? */
fun Run.spatialSimilarity(): SpatialSimilarity = spatialSimilarity(this, Split.TRAIN, this, Split.TEST)

/**
 * The same [split] of two runs, per layer both probed, e.g. a model before and after fine-tuning on the
 * same data and task.
 *
 * @throws IllegalArgumentException when the runs did not probe the same data and task, or share no layer
 */
fun spatialSimilarity(before: Run, after: Run, split: Split = Split.TEST): SpatialSimilarity =
    spatialSimilarity(before, split, after, split)

/**
 * Train against test of this run, per layer, on DirectProbe's label-pair distances as the paper measures
 * them: both splits clustered on their own. Needs `probes { directProbe() }` (with its default `clusterTest`).
 */
fun Run.directProbeSimilarity(): SpatialSimilarity = spatialSimilarity(this, Split.TRAIN, this, Split.TEST, directProbe = true)

/**
 * The same [split] (train by default; test needs `directProbe(clusterTest = true)`) of two runs on DirectProbe's
 * label-pair distances, per layer both clustered, e.g. a model before and after fine-tuning.
 */
fun directProbeSimilarity(before: Run, after: Run, split: Split = Split.TRAIN): SpatialSimilarity =
    spatialSimilarity(before, split, after, split, directProbe = true)

/** DirectProbe's mean cluster distance per label pair of [split] on [layer]. */
private fun clusterDistances(run: Run, split: Split, layer: Int): LabelPairDistances = clusterSummary(run, split, layer).labelPairDistances()

private fun clusterSummary(run: Run, split: Split, layer: Int): DirectProbeSummary {
    val clustered = run.directProbe(layer)
    val summary = if (split == Split.TRAIN) clustered.train() else clustered.test()
    require(split != Split.DEV && summary != null) {
        "directProbeSimilarity: ${run.spec.name} clustered the training split" +
            (if (clustered.test() != null) " and the test split" else "") + ", not the ${split.label()} split; " +
            (if (split == Split.TEST) "declare probes { directProbe(clusterTest = true) } and run again" else "compare train or test")
    }
    return summary
}

private fun centroidDistances(run: Run, split: Split, layer: Int): LabelPairDistances =
    LabelPairDistances.betweenCentroids(LabelCentroids.of(run.vectors(layer, split)))

private fun spatialSimilarity(
    from: Run,
    fromSplit: Split,
    to: Run,
    toSplit: Split,
    directProbe: Boolean = false,
): SpatialSimilarity {
    val pairDistances = if (directProbe) ::clusterDistances else ::centroidDistances
    requireSameTask("spatialSimilarity", from, to)
    fun layersOf(run: Run): List<Int> {
        if (!directProbe) return run.probedLayers()
        require(run.result.directProbes.isNotEmpty()) {
            "directProbeSimilarity: ${run.spec.name} did not run DirectProbe; declare probes { directProbe() } and run again"
        }
        return run.result.directProbes.map { it.layer() }
    }
    val layers = layersOf(from).filter { it in layersOf(to) }
    require(layers.isNotEmpty()) {
        "spatialSimilarity: ${from.spec.name} has layers ${layersOf(from)}, ${to.spec.name} " +
            "${layersOf(to)}; they share none"
    }
    return SpatialSimilarity(
        RunSource(from.spec.name, from.result.provenance), fromSplit.label(),
        RunSource(to.spec.name, to.result.provenance), toSplit.label(),
        layers.map { layer ->
            val a = LabelCentroids.of(from.vectors(layer, fromSplit))
            val b = LabelCentroids.of(to.vectors(layer, toSplit))
            val before = pairDistances(from, fromSplit, layer)
            val after = pairDistances(to, toSplit, layer)
            val pairs = before.sharedPairs(after).size
            SpatialLayer(
                layer, pairs,
                if (pairs < LabelPairDistances.MIN_SHARED_PAIRS) null else before.correlation(after),
                a.movementTo(b),
            )
        },
        if (directProbe) SpatialSimilarity.DIRECTPROBE else SpatialSimilarity.CENTROIDS,
        if (directProbe) clusterSummary(from, fromSplit, layers.first()).provenance().options().smallCluster() else null,
    )
}

/** The distance between every two label centroids of [layer] on [split], as a label × label heatmap. */
fun Run.centroidDistances(layer: Int, split: Split = Split.TEST): Figure {
    val distances = LabelPairDistances.betweenCentroids(LabelCentroids.of(vectors(layer, split))).distances()
    val labels = distances.keys.flatMap { it.split('|') }.distinct().sorted()
    return labelDistanceHeatmap(
        labels,
        distances.mapKeys { (pair, _) -> pair.split('|').toSet() },
        "${spec.name}: distance between label centroids, layer $layer (${split.label()})",
    )
}

/** The label centroids of [layer] on [split] in the plane of their first two principal components. */
fun Run.centroidPca(layer: Int, split: Split = Split.TEST): Figure {
    val centroids = LabelCentroids.of(vectors(layer, split))
    val pca = Pca.fit(centroids.asFloatRows(), 2, CENTROID_PCA_SEED)
    val points = centroids.asFloatRows().mapIndexed { i, row ->
        val (x, y) = pca.project(row)
        Point2(x, y, centroids.labels()[i])
    }
    val share = pca.explainedVarianceRatio().map { String.format(Locale.ROOT, "%.1f%%", 100 * it) }
    return pcaScatter(
        points, "${spec.name}: label centroids, layer $layer (${split.label()})",
        xLabel = "PC 1 (${share[0]} of centroid variance)", yLabel = "PC 2 (${share[1]} of centroid variance)",
    )
}

/**
 * The label centroids of [layer] before and after (e.g. fine-tuning), both projected onto the first two
 * principal components of all of them together, an arrow per label from its old place to its new one.
 */
fun centroidShift(before: Run, after: Run, layer: Int, split: Split = Split.TEST): Figure {
    requireSameTask("centroidShift", before, after)
    val a = LabelCentroids.of(before.vectors(layer, split))
    val b = LabelCentroids.of(after.vectors(layer, split))
    val pca = Pca.fit(a.asFloatRows() + b.asFloatRows(), 2, CENTROID_PCA_SEED)
    fun plane(c: LabelCentroids) = c.asFloatRows().mapIndexed { i, row ->
        val (x, y) = pca.project(row)
        Point2(x, y, c.labels()[i])
    }
    return centroidShift(
        plane(a), plane(b),
        "label centroids, layer $layer (${split.label()}): ${before.spec.name} → ${after.spec.name}",
    )
}

/** Fixes the start of the centroid PCA's iteration, so a figure is the same every time. */
private const val CENTROID_PCA_SEED = 17L

private fun Split.label() = name.lowercase(Locale.ROOT)

/** Comparisons of two runs' spaces need the same items: the same data and task. */
internal fun requireSameTask(what: String, a: Run, b: Run) {
    val pa = a.result.provenance
    val pb = b.result.provenance
    require(pa.dataChecksum == pb.dataChecksum && a.spec.task == b.spec.task) {
        "$what: ${a.spec.name} probed ${a.spec.task} on ${pa.dataName} (${pa.dataChecksum.take(8)}), " +
            "${b.spec.name} probed ${b.spec.task} on ${pb.dataName} (${pb.dataChecksum.take(8)}); " +
            "comparing their spaces needs the same data and task"
    }
}
