package org.probelab.dsl

import org.probelab.Progress
import org.probelab.dsl.plots.Figure
import org.probelab.dsl.plots.LayerCurve
import org.probelab.dsl.plots.Point2
import org.probelab.dsl.plots.accuracyByLayer
import org.probelab.dsl.plots.confusionHeatmap
import org.probelab.dsl.plots.pcaScatter
import org.probelab.geometry.Pca
import org.probelab.io.AtomicFiles
import org.probelab.io.CacheRoot
import org.probelab.represent.Task
import org.probelab.model.DeviceOptions
import org.probelab.probe.LayerProbing
import org.probelab.probe.ProbeKind
import org.probelab.probe.ProbingJson
import org.probelab.probe.ProbingResult
import org.probelab.represent.LabelledVectors
import org.probelab.represent.Representations
import org.probelab.data.Split
import java.io.IOException
import java.io.UncheckedIOException
import java.nio.file.Files
import java.nio.file.Path
import java.util.Locale
import kotlin.random.Random

/**
 * A finished experiment in its run directory [dir]: the experiment's `spec.json` at the top, core's
 * files under `engine/` (its spec, finished steps, and `results.json`, the run's one results file,
 * read as [result]). Its vectors stay in [cacheDir], shared with other runs, under the provenance's
 * representation key.
 */
class Run internal constructor(
    val dir: Path,
    val spec: ExperimentSpec,
    val result: ExperimentResult,
    val cacheDir: Path,
) {

    /** Test accuracy per layer, one curve per probe kind; error bars are the std over seeds. */
    fun accuracyByLayer(): List<LayerCurve> = spec.probes.kinds.map { kind -> curve(kind.label(), kind) }

    internal fun curve(label: String, kind: ProbeKind): LayerCurve = result.curve(kind, label)

    /**
     * Selectivity by layer (Hewitt & Liang 2019): per probe kind its task accuracy, its accuracy on the
     * control task and their difference. Needs a run declared with `probes { control() }`.
     */
    fun selectivityByLayer(): Figure {
        val control = spec.probes.control ?: throw IllegalArgumentException(
            "selectivity: ${spec.name} has no control task; declare probes { control() } and run again",
        )
        val curves = spec.probes.kinds.flatMap { result.selectivityCurves(it) }
        return accuracyByLayer(curves, "${spec.name}: selectivity against the ${control.id()} control", "test accuracy")
    }

    /**
     * Compression by layer (Voita & Titov 2020): uniform codelength over online codelength of the training
     * labels, one curve per probe kind. Needs a run declared with `probes { mdl() }`.
     */
    fun mdlByLayer(): Figure {
        require(spec.probes.mdl) { "mdl: ${spec.name} did not measure codelengths; declare probes { mdl() } and run again" }
        val curves = spec.probes.kinds.map { result.compressionCurve(it) }
        return accuracyByLayer(curves, "${spec.name}: MDL compression (uniform / online codelength)", "compression")
    }

    /** The first seed's test confusion matrix of [kind] on [layer], rows normalised unless [normalize] is false. */
    fun confusion(layer: Int, kind: ProbeKind = spec.probes.kinds.first(), normalize: Boolean = true): Figure {
        val score = result.score(layer, kind) ?: throw IllegalArgumentException(
            "confusion: this run has no ${kind.label()} probe on layer $layer; it probed layers " +
                "${result.scores.map { it.layer }.distinct().sorted()} with ${spec.probes.kinds.map { it.label() }}",
        )
        val title = "${spec.name}: ${score.subject}, test confusion (seed ${score.seeds.first().seed})"
        return confusionHeatmap(score.confusion.labels, score.confusion.counts, title, normalize)
    }

    /**
     * The vectors the probes of [layer] were trained and tested on, one row per probed item of [split],
     * read from the cache this run extracted them into.
     *
     * @throws UncheckedIOException when the cache entry is gone (e.g. the cache was cleared); run the spec again
     */
    fun vectors(layer: Int, split: Split = Split.TEST): LabelledVectors {
        val entry = CacheRoot.of(cacheDir).representations().resolve(result.provenance.representationKey)
        val representations = try {
            Representations.open(entry, Task.named(spec.toProbingSpec().task()))
        } catch (e: IOException) {
            throw UncheckedIOException(
                "the vectors of ${spec.name} are not in the cache $cacheDir any more (${e.message}); " +
                    "run the spec again to extract them, or load the run with the cache dir it used",
                e,
            )
        }
        return representations.layer(split, layer)
    }

    /**
     * The first two principal components of [layer]'s vectors on [split]: at most [maxPoints] items
     * (a fixed sample), coloured by gold label, with each label's centroid marked.
     */
    fun pca(layer: Int, maxPoints: Int = 2000, split: Split = Split.TEST): Figure {
        require(maxPoints >= 2) { "pca: maxPoints is $maxPoints; a projection needs at least 2 points" }
        val vectors = vectors(layer, split)
        val pca = Pca.fit(vectors, 2, maxPoints, PCA_SEED)
        val row = FloatArray(vectors.dim())
        val points = sampleRows(vectors.rows(), maxPoints).map { i ->
            vectors.row(i, row)
            val (x, y) = pca.project(row)
            Point2(x, y, vectors.labels()[i])
        }
        val share = pca.explainedVarianceRatio().map { String.format(Locale.ROOT, "%.1f%%", 100 * it) }
        return pcaScatter(
            points,
            "${spec.name}: layer $layer, ${split.name.lowercase(Locale.ROOT)} (${points.size} of ${vectors.rows()} items)",
            xLabel = "PC 1 (${share[0]} of variance)",
            yLabel = "PC 2 (${share[1]} of variance)",
        )
    }

    override fun toString() = "Run(${spec.name} in $dir)"

    companion object {
        const val SPEC_FILE = "spec.json"

        /** Core's run directory inside a run's: its steps and the run's `results.json` live there. */
        const val ENGINE_DIR = "engine"

        /** The run's results, as core wrote them. */
        val RESULTS_FILE = "$ENGINE_DIR/${LayerProbing.RESULTS_FILE}"

        /** Fixes which items a PCA fits on and draws, so a figure is the same every time. */
        private const val PCA_SEED = 17L

        /** Brings back a run written by [run]; [cacheDir] is the one it ran with, where its vectors are. */
        fun load(dir: Path, cacheDir: Path = CacheRoot.fromEnvironment().dir()): Run {
            val spec = read(dir, SPEC_FILE, "experiment spec") { ExperimentSpec.fromJson(Files.readString(it)) }
            val result = read(dir, RESULTS_FILE, "probing result") {
                ProbingJson.read(it, ProbingResult::class.java).toExperimentResult()
            }
            return Run(dir, spec, result, cacheDir)
        }

        /** All of `0 until rows` when they fit in [max], else [max] of them drawn with [PCA_SEED], in order. */
        private fun sampleRows(rows: Int, max: Int): List<Int> =
            if (rows <= max) (0 until rows).toList()
            else (0 until rows).shuffled(Random(PCA_SEED)).take(max).sorted()

        private fun <T> read(dir: Path, name: String, what: String, decode: (Path) -> T): T {
            val file = dir.resolve(name)
            if (!Files.isRegularFile(file)) {
                throw IllegalArgumentException(
                    "$file is missing: $dir is not a finished run (one holds $SPEC_FILE and $RESULTS_FILE); " +
                        "if $SPEC_FILE is there, run that spec again to finish it",
                )
            }
            return try {
                decode(file)
            } catch (e: IllegalArgumentException) {
                // kotlinx's SerializationException and a spec's DeclarationException both land here.
                throw IllegalArgumentException("$file is not a valid $what: ${e.message}", e)
            } catch (e: IOException) {
                throw IllegalArgumentException(e.message, e) // core's reader names the file and the fault
            }
        }
    }
}

/**
 * Runs the experiment in `runsDir/<name>-<hash of the spec>/`: the same spec always lands in the
 * same directory, so running it again reuses finished steps and cached vectors.
 *
 * @param runsDir by default [RunsDir.default]: `runs/`, or where `PROBELAB_RUNS` says
 * @param cacheDir models, data and vectors shared between runs
 * @param progress where extraction and training report, e.g. a notebook's progress bar
 */
fun ExperimentSpec.run(
    device: DeviceOptions = DeviceOptions.cpu(),
    runsDir: Path = RunsDir.default(),
    cacheDir: Path = CacheRoot.fromEnvironment().dir(),
    progress: Progress = Progress.NONE,
): Run {
    val dir = runsDir.resolve(runDirectoryName())
    // the engine creates the directory with its first finished step: a spec that fails leaves nothing
    val engineResult = LayerProbing(dir.resolve(Run.ENGINE_DIR), cacheDir, device, progress).run(toProbingSpec())
    AtomicFiles.writeString(dir.resolve(Run.SPEC_FILE), toJson())
    return Run(dir, this, engineResult.toExperimentResult(), cacheDir)
}

/** A probe kind as the DSL writes it: `mlp`, `linear`. */
internal fun ProbeKind.label(): String = name.lowercase(Locale.ROOT)

/** The run directory's name: the experiment's name and a hash of its spec ([runDirectoryName]). */
fun ExperimentSpec.runDirectoryName(): String = runDirectoryName(name, toJson())
