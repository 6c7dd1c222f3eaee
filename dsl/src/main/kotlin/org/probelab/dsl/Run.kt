package org.probelab.dsl

import org.probelab.Progress
import org.probelab.dsl.plots.Figure
import org.probelab.dsl.plots.LayerCurve
import org.probelab.dsl.plots.Point2
import org.probelab.dsl.plots.StageCurves
import org.probelab.dsl.plots.accuracyByLayer
import org.probelab.dsl.plots.trainingCurves
import org.probelab.dsl.plots.confusionHeatmap
import org.probelab.dsl.plots.pcaScatter
import org.probelab.geometry.MeanCosine
import org.probelab.geometry.Pca
import org.probelab.io.AtomicFiles
import org.probelab.model.CacheDir
import org.probelab.model.DeviceOptions
import org.probelab.model.ModelStore
import org.probelab.probe.LayerProbing
import org.probelab.probe.ProbeKind
import org.probelab.represent.LabelledVectors
import org.probelab.represent.Representations
import org.probelab.train.Stages
import org.probelab.text.Checksums
import org.probelab.text.DataSources
import org.probelab.text.Split
import java.io.IOException
import java.io.UncheckedIOException
import java.nio.file.Files
import java.nio.file.Path
import java.util.Locale
import kotlin.random.Random

/**
 * A finished experiment in its run directory [dir]: `spec.json` and `results.json` at the top,
 * core's own files (finished steps, its results) under `engine/`. Its vectors stay in [cacheDir],
 * shared with other runs, under the provenance's representation key.
 */
class Run internal constructor(
    val dir: Path,
    val spec: ExperimentSpec,
    val result: ExperimentResult,
    val cacheDir: Path,
) {

    /** Test accuracy per layer, one curve per probe kind; error bars are the std over seeds. */
    fun accuracyByLayer(): List<LayerCurve> = spec.probes.kinds.map { kind -> curve(kind.label(), kind) }

    /** Test accuracy of [kind] by layer, one line per stage (the pretrained model and every snapshot), in one figure. */
    fun accuracyByStage(kind: ProbeKind = spec.probes.kinds.first()): Figure = accuracyByLayer(
        result.stageNames().map { stage -> result.curve(kind, stage, stage) },
        "${spec.name}: ${spec.task} ${kind.label()} probe, test accuracy by layer and stage",
    )

    /**
     * How much each layer changed from stage [from] to stage [to]: the mean cosine of the same item's
     * vectors (items of [split]); 1 = unchanged. Zhou & Srikumar (2022) find the higher layers change most.
     */
    fun layerChange(
        from: String = ExperimentResult.PRETRAINED,
        to: String = result.stageNames().last(),
        split: Split = Split.TEST,
    ): Figure {
        val layers = result.scoresOf(from).map { it.layer }.distinct().sorted()
        val cosines = layers.map { layer -> MeanCosine.between(vectors(layer, split, from), vectors(layer, split, to)) }
        return accuracyByLayer(
            listOf(LayerCurve("$from → $to", layers, cosines)),
            "${spec.name}: change per layer from $from to $to (mean cosine of the same ${spec.task} item)",
            yLabel = "mean cosine",
        )
    }

    /** Training loss per step and dev loss per evaluation of every stage. */
    fun trainingCurves(): Figure {
        require(result.stages.isNotEmpty()) { "trainingCurves: ${spec.name} has no training stages" }
        return trainingCurves(
            result.stages.map { s ->
                StageCurves(
                    s.stage,
                    s.training.losses.map { it.step },
                    s.training.losses.map { it.loss },
                    s.training.evaluations.map { it.step },
                    s.training.evaluations.map { it.devLoss },
                )
            },
            "${spec.name}: training curves",
        )
    }

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
    fun vectors(layer: Int, split: Split = Split.TEST, stage: String = ExperimentResult.PRETRAINED): LabelledVectors {
        val provenance = if (stage == ExperimentResult.PRETRAINED) result.provenance else result.stage(stage).provenance
        val entry = cacheDir.resolve(REPRESENTATIONS_DIR).resolve(provenance.representationKey)
        val representations = try {
            Representations.open(entry)
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
        const val RESULTS_FILE = "results.json"

        /** Core's run directory inside a run's: its steps and its own `results.json` live there. */
        const val ENGINE_DIR = "engine"

        /** Where core's [LayerProbing] keeps extracted vectors inside a cache dir. */
        private const val REPRESENTATIONS_DIR = "representations"

        /** Fixes which items a PCA fits on and draws, so a figure is the same every time. */
        private const val PCA_SEED = 17L

        /** Brings back a run written by [run]; [cacheDir] is the one it ran with, where its vectors are. */
        fun load(dir: Path, cacheDir: Path = CacheDir.root()): Run {
            val spec = read(dir, SPEC_FILE, "experiment spec") { ExperimentSpec.fromJson(it) }
            val result = read(dir, RESULTS_FILE, "experiment result") { ExperimentResult.fromJson(it) }
            return Run(dir, spec, result, cacheDir)
        }

        /** All of `0 until rows` when they fit in [max], else [max] of them drawn with [PCA_SEED], in order. */
        private fun sampleRows(rows: Int, max: Int): List<Int> =
            if (rows <= max) (0 until rows).toList()
            else (0 until rows).shuffled(Random(PCA_SEED)).take(max).sorted()

        private fun <T> read(dir: Path, name: String, what: String, decode: (String) -> T): T {
            val file = dir.resolve(name)
            if (!Files.isRegularFile(file)) {
                throw IllegalArgumentException(
                    "$file is missing: $dir is not a finished run (one holds $SPEC_FILE and $RESULTS_FILE); " +
                        "if $SPEC_FILE is there, run that spec again to finish it",
                )
            }
            return try {
                decode(Files.readString(file))
            } catch (e: IllegalArgumentException) {
                // kotlinx's SerializationException and a spec's DeclarationException both land here.
                throw IllegalArgumentException("$file is not a valid $what: ${e.message}", e)
            }
        }
    }
}

/**
 * Runs the experiment in `runsDir/<name>-<hash of the spec>/`: the same spec always lands in the
 * same directory, so running it again reuses finished steps and cached vectors.
 *
 * @param cacheDir models, data and vectors shared between runs
 * @param progress where extraction and training report, e.g. a notebook's progress bar
 */
fun ExperimentSpec.run(
    device: DeviceOptions = DeviceOptions.cpu(),
    runsDir: Path = Path.of("runs"),
    cacheDir: Path = CacheDir.root(),
    progress: Progress = Progress.NONE,
): Run {
    val dir = runsDir.resolve(runDirectoryName())
    AtomicFiles.writeString(dir.resolve(Run.SPEC_FILE), toJson())
    val engineDir = dir.resolve(Run.ENGINE_DIR)
    val pretrained = LayerProbing(engineDir, cacheDir, device, progress).run(toProbingSpec()).toExperimentResult()
    val outcomes = runStages(dir, engineDir, cacheDir, device, progress)
    val result = pretrained.copy(stages = outcomes)
    AtomicFiles.writeString(dir.resolve(Run.RESULTS_FILE), result.toJson())
    return Run(dir, this, result, cacheDir)
}

/**
 * Runs the training stages under `dir/stages/` (each resumes or is skipped when already done), then
 * the experiment's probes on every snapshot, core's files under `engine/stages/<stage>/`.
 */
private fun ExperimentSpec.runStages(
    dir: Path,
    engineDir: Path,
    cacheDir: Path,
    device: DeviceOptions,
    progress: Progress,
): List<StageOutcome> {
    if (stages.isEmpty()) return emptyList()
    val start = ModelStore.load(model.source, cacheDir)
    val completed = Stages.run(stages.map { it.toStage() }, start, DataSources.open(data.source), dir, device,
        progress, cacheDir)
    return completed.map { stage ->
        val name = stage.snapshot().fileName.toString()
        val probed = LayerProbing(engineDir.resolve("stages").resolve(name), cacheDir, device, progress)
            .run(toProbingSpec(stage.snapshot().toString())).toExperimentResult()
        StageOutcome(name, stage.snapshot().toString(), stage.result().toStageTraining(), probed.provenance,
            probed.scores)
    }
}

/** A probe kind as the DSL writes it: `mlp`, `linear`. */
internal fun ProbeKind.label(): String = name.lowercase(Locale.ROOT)

/** `<name>-<first 8 hex digits of the SHA-256 of the spec's JSON>`, the name made safe for a file name. */
fun ExperimentSpec.runDirectoryName(): String {
    val slug = name.lowercase(Locale.ROOT).replace(Regex("[^a-z0-9._-]+"), "_").trim('_', '.').take(60)
        .ifEmpty { "run" }
    return slug + "-" + Checksums.sha256(toJson().toByteArray()).take(8)
}
