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
import org.probelab.io.CacheRoot
import org.probelab.represent.Task
import org.probelab.model.DeviceOptions
import org.probelab.model.ModelStore
import org.probelab.probe.LayerProbing
import org.probelab.probe.ProbeKind
import org.probelab.probe.ProbingJson
import org.probelab.probe.ProbingResult
import org.probelab.represent.LabelledVectors
import org.probelab.represent.Representations
import org.probelab.data.DataSources
import org.probelab.data.Split
import org.probelab.train.Stages
import java.io.IOException
import java.io.UncheckedIOException
import java.nio.file.Files
import java.nio.file.Path
import java.util.Locale
import kotlin.random.Random

/**
 * A finished experiment in its run directory [dir]: the experiment's `spec.json` at the top, core's
 * files under `engine/` (its spec, finished steps, and `results.json`, the run's one results file,
 * read as [result]). With training stages, their snapshots under `stages/<stage>/` and the probes' results
 * on each under `engine/stages/<stage>/`. Its vectors stay in [cacheDir], shared with other runs, under
 * the provenance's representation key (one entry per model snapshot).
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

    /** Test accuracy of [kind] by layer, one line per stage (the pretrained model and every snapshot), in one figure. */
    fun accuracyByStage(kind: ProbeKind = spec.probes.kinds.first()): Figure = accuracyByLayer(
        result.stageNames().map { stage -> result.at(stage).curve(kind, stage) },
        "${spec.name}: ${spec.toProbingSpec().describeTask()}, ${kind.label()} probe, test accuracy by layer and stage",
    )

    /**
     * How much each probed layer changed from stage [from] to stage [to]: the mean cosine of the same item's
     * vectors (items of [split]), by layer; 1 = unchanged.
     */
    fun meanCosineByLayer(
        from: String = ExperimentResult.PRETRAINED,
        to: String = result.stageNames().last(),
        split: Split = Split.TEST,
    ): Map<Int, Double> = result.at(from).scores.map { it.layer }.distinct().sorted()
        .associateWith { layer -> MeanCosine.between(vectors(layer, split, from), vectors(layer, split, to)) }

    /**
     * [meanCosineByLayer] as a figure. Zhou & Srikumar (2022) find that the higher layers change most.
     */
    fun layerChange(
        from: String = ExperimentResult.PRETRAINED,
        to: String = result.stageNames().last(),
        split: Split = Split.TEST,
    ): Figure {
        val cosines = meanCosineByLayer(from, to, split)
        return accuracyByLayer(
            listOf(LayerCurve("$from → $to", cosines.keys.toList(), cosines.values.toList())),
            "${spec.name}: change per layer from $from to $to (mean cosine of the same item's vectors; " +
                "${spec.toProbingSpec().describeTask()})",
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
     * read from the cache this run extracted them into; after [stage], the model that stage left.
     *
     * @throws UncheckedIOException when the cache entry is gone (e.g. the cache was cleared); run the spec again
     */
    fun vectors(layer: Int, split: Split = Split.TEST, stage: String = ExperimentResult.PRETRAINED): LabelledVectors {
        val key = result.at(stage).provenance.representationKey
        val entry = CacheRoot.of(cacheDir).representations().resolve(key)
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
            val pretrained = readResult(dir, RESULTS_FILE)
            val stages = spec.stages.mapIndexed { i, stage ->
                val snapshot = Stages.snapshotDir(dir, i, stage.toStage())
                val name = snapshot.fileName.toString()
                val training = read(snapshot, Stages.RESULT_FILE, "stage result") {
                    Stages.read(snapshot).toStageTraining()
                }
                StageOutcome(name, snapshot.toString(), training, readResult(dir, stageResultsFile(name)))
            }
            return Run(dir, spec, pretrained.copy(stages = stages), cacheDir)
        }

        /** Where core keeps the results of the probes on stage [name]'s snapshot, inside a run directory. */
        internal fun stageEngineDir(name: String) = "$ENGINE_DIR/${Stages.STAGES_DIR}/$name"

        private fun stageResultsFile(name: String) = "${stageEngineDir(name)}/${LayerProbing.RESULTS_FILE}"

        private fun readResult(dir: Path, name: String): ExperimentResult = read(dir, name, "probing result") {
            ProbingJson.read(it, ProbingResult::class.java).toExperimentResult()
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
    val pretrained = LayerProbing(dir.resolve(Run.ENGINE_DIR), cacheDir, device, progress).run(toProbingSpec())
    AtomicFiles.writeString(dir.resolve(Run.SPEC_FILE), toJson())
    val stages = runStages(dir, cacheDir, device, progress)
    return Run(dir, this, pretrained.toExperimentResult().copy(stages = stages), cacheDir)
}

/**
 * Runs the training stages under `dir/stages/` (each resumes, or is skipped when its snapshot is
 * complete), then the experiment's probes on every snapshot, each with its own results file under
 * `engine/stages/<stage>/`. Those reuse their finished steps only for the same snapshot weights and data.
 */
private fun ExperimentSpec.runStages(dir: Path, cacheDir: Path, device: DeviceOptions, progress: Progress): List<StageOutcome> {
    if (stages.isEmpty()) return emptyList()
    val start = ModelStore.load(model.source, cacheDir)
    val data = DataSources.open(data.source, CacheRoot.of(cacheDir))
    val completed = Stages.run(stages.map { it.toStage() }, start, data, dir, device, progress, cacheDir)
    return completed.map { stage ->
        val name = stage.snapshot().fileName.toString()
        val probed = LayerProbing(dir.resolve(Run.stageEngineDir(name)), cacheDir, device, progress)
            .run(toProbingSpec(stage.snapshot().toString()))
        StageOutcome(name, stage.snapshot().toString(), stage.result().toStageTraining(), probed.toExperimentResult())
    }
}

/** A probe kind as the DSL writes it: `mlp`, `linear`. */
internal fun ProbeKind.label(): String = name.lowercase(Locale.ROOT)

/** The run directory's name: the experiment's name and a hash of its spec ([runDirectoryName]). */
fun ExperimentSpec.runDirectoryName(): String = runDirectoryName(name, toJson())
