package org.probelab.dsl

import org.probelab.Progress
import org.probelab.dsl.plots.Figure
import org.probelab.dsl.plots.LayerCurve
import org.probelab.dsl.plots.confusionHeatmap
import org.probelab.io.AtomicFiles
import org.probelab.model.CacheDir
import org.probelab.model.DeviceOptions
import org.probelab.probe.LayerProbing
import org.probelab.probe.ProbeKind
import org.probelab.text.Checksums
import java.nio.file.Files
import java.nio.file.Path
import java.util.Locale

/**
 * A finished experiment in its run directory [dir]: `spec.json` and `results.json` at the top,
 * core's own files (finished steps, its results) under `engine/`.
 */
class Run internal constructor(val dir: Path, val spec: ExperimentSpec, val result: ExperimentResult) {

    /** Test accuracy per layer, one curve per probe kind; error bars are the std over seeds. */
    fun accuracyByLayer(): List<LayerCurve> = spec.probes.kinds.map { kind -> curve(kind.label(), kind) }

    internal fun curve(label: String, kind: ProbeKind): LayerCurve {
        val scores = result.of(kind)
        val spread = scores.any { it.seeds.size > 1 }
        return LayerCurve(
            label,
            scores.map { it.layer },
            scores.map { it.accuracy.mean },
            if (spread) scores.map { it.accuracy.std } else null,
        )
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

    override fun toString() = "Run(${spec.name} in $dir)"

    companion object {
        const val SPEC_FILE = "spec.json"
        const val RESULTS_FILE = "results.json"

        /** Core's run directory inside a run's: its steps and its own `results.json` live there. */
        const val ENGINE_DIR = "engine"

        /** Brings back a run written by [run]. */
        fun load(dir: Path): Run {
            val spec = read(dir, SPEC_FILE, "experiment spec") { ExperimentSpec.fromJson(it) }
            val result = read(dir, RESULTS_FILE, "experiment result") { ExperimentResult.fromJson(it) }
            return Run(dir, spec, result)
        }

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
    val engineResult = LayerProbing(dir.resolve(Run.ENGINE_DIR), cacheDir, device, progress).run(toProbingSpec())
    val result = engineResult.toExperimentResult()
    AtomicFiles.writeString(dir.resolve(Run.RESULTS_FILE), result.toJson())
    return Run(dir, this, result)
}

/** A probe kind as the DSL writes it: `mlp`, `linear`. */
internal fun ProbeKind.label(): String = name.lowercase(Locale.ROOT)

/** `<name>-<first 8 hex digits of the SHA-256 of the spec's JSON>`, the name made safe for a file name. */
fun ExperimentSpec.runDirectoryName(): String {
    val slug = name.lowercase(Locale.ROOT).replace(Regex("[^a-z0-9._-]+"), "_").trim('_', '.').take(60)
        .ifEmpty { "run" }
    return slug + "-" + Checksums.sha256(toJson().toByteArray()).take(8)
}
