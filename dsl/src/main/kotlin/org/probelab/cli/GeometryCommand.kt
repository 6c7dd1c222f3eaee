package org.probelab.cli

import org.probelab.dsl.LayerSimilarity
import org.probelab.dsl.RunSource
import org.probelab.dsl.directProbeClusterCounts
import org.probelab.dsl.toExperimentResult
import org.probelab.geometry.LinearCka
import org.probelab.io.CacheRoot
import org.probelab.represent.Representations
import org.probelab.represent.Task
import org.probelab.data.Split
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Option
import picocli.CommandLine.Parameters
import java.io.IOException
import java.nio.file.Path
import java.util.Locale
import java.util.concurrent.Callable

/**
 * `probelab geometry RUN_DIR`: the shape of a finished run's layers: its DirectProbe summary per layer and the
 * linear CKA between every two of its layers, written as figures beside the results.
 */
@Command(
    name = "geometry",
    header = ["Summarise the geometry of a run's layers: DirectProbe clusters and CKA."],
    description = [
        "Reads a run directory (as 'probelab probe' prints it, or a run of the Kotlin experiment language) and " +
            "prints DirectProbe's summary per layer (clusters against labels, linearity, conflicts, nearest-cluster " +
            "accuracy on test, the closest two labels) when the run measured it ('probelab probe --direct-probe'). " +
            "Computes linear CKA (debiased, Kornblith et al. 2019) between every two probed layers from the run's " +
            "cached vectors and writes the heatmap to RUN_DIR as cka.svg and cka.png, with DirectProbe the clusters " +
            "by layer as directprobe-clusters.svg and .png.",
    ],
)
class GeometryCommand : Callable<Int> {
    @Parameters(paramLabel = "RUN_DIR", description = ["a run directory, as 'probelab probe' prints it"])
    lateinit var runDir: Path

    @Option(names = ["--split"], paramLabel = "SPLIT", converter = [SplitConverter::class], description = [
        "the items CKA compares the layers on: test (default) | dev | train"])
    var split: Split = Split.TEST

    @Mixin
    lateinit var cache: CacheMixin

    override fun call(): Int {
        val (file, probing) = RunResults.read(runDir)
        val result = probing.toExperimentResult()
        val layers = result.scores.map { it.layer }.distinct().sorted()
        if (layers.isEmpty()) {
            throw IOException("$file has no probed layers; the run did not finish, run 'probelab probe' again")
        }
        val name = runDir.toAbsolutePath().normalize().fileName.toString()
        if (result.directProbes.isEmpty()) {
            println("DirectProbe: this run did not measure it; 'probelab probe' with the same options and --direct-probe does")
        } else {
            print(directProbeText(result.directProbes))
            save(directProbeClusterCounts(result.directProbes, name), "directprobe-clusters")
        }
        val vectors = openVectors(probing.provenance().representationKey(), probing.spec().task())
        val byLayer = layers.associate { it.toString() to vectors.layer(split, it) }
        val cka = LinearCka().between(byLayer, byLayer)
        val source = RunSource(name, result.provenance)
        val similarity = LayerSimilarity(
            source, source, layers, layers, split.name.lowercase(Locale.ROOT), cka.items(),
            cka.biased().map { it.toList() }, cka.debiased().map { it.toList() },
        )
        save(similarity.heatmap(), "cka")
        return 0
    }

    /** The run's cached vectors, or one line saying they are gone and how to get them back. */
    private fun openVectors(key: String, task: String): Representations {
        val entry = CacheRoot.of(cache.root()).representations().resolve(key)
        return try {
            Representations.open(entry, Task.named(task))
        } catch (e: IOException) {
            throw IOException(
                "the run's vectors are not in the cache ${cache.root()} (${e.message}); run 'probelab probe' with the " +
                    "same options again to extract them, or name the cache it used with --cache",
                e,
            )
        }
    }

    private fun save(figure: org.probelab.dsl.plots.Figure, stem: String) {
        for (extension in listOf("svg", "png")) {
            val path = runDir.resolve("$stem.$extension")
            figure.save(path)
            println("${figure.title}: $path")
        }
    }
}
