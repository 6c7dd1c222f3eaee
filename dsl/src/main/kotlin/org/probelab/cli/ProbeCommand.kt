package org.probelab.cli

import org.probelab.probe.LayerProbing
import org.probelab.probe.ProbeKind
import org.probelab.probe.ProbingJson
import org.probelab.probe.ProbingResult
import org.probelab.probe.ProbingSpec
import org.probelab.represent.ExtractionOptions
import org.probelab.represent.Precision
import org.probelab.represent.SentencePooling
import org.probelab.represent.WordPooling
import org.probelab.text.Checksums
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Model.CommandSpec
import picocli.CommandLine.Option
import picocli.CommandLine.ParameterException
import picocli.CommandLine.Spec
import java.nio.file.Path
import java.util.Locale
import java.util.concurrent.Callable

/** `probelab probe`: per-layer probe accuracies of a model on a data set, as a table and JSON. */
@Command(
    name = "probe",
    header = ["Probe every layer of a model on a labelled data set."],
    description = [
        "Trains classifier probes on every layer's vectors and prints a per-layer table; writes spec.json and " +
            "results.json (with provenance) to a run directory. Rerunning the same spec reuses cached vectors and " +
            "finished probe steps.",
    ],
)
class ProbeCommand : Callable<Int> {
    @Spec
    lateinit var command: CommandSpec

    @Option(names = ["--model"], paramLabel = "ID|DIR", description = [
        "bert-base-uncased (default; from Maven), or a directory with Google (bert_config.json, vocab.txt, " +
            "bert_model.ckpt.*) or HF (config.json, vocab.txt, model.safetensors) weights"])
    var model: String = DEFAULTS.model()

    @Option(names = ["--data"], paramLabel = "SOURCE", description = [
        "demo (default) | demo:N | ud:en_ewt | conllu:PATH | tsv:PATH",
        "(PATH: a directory with train/dev/test files, three files A,B,C, or one file)"])
    var data: String = DEFAULTS.data()

    @Option(names = ["--task"], paramLabel = "TASK", converter = [TaskConverter::class], description = [
        "pos (default) | xpos | dep | dep-full | sentence | column:N (N counts columns from 0)"])
    var task: String = DEFAULTS.task()

    @Option(names = ["--layers"], paramLabel = "LAYERS", converter = [Layers.Converter::class], description = [
        "all (default) | 0,6,12 | 0-4  (0 = embeddings)"])
    var layers: Layers = Layers.ALL

    @Option(names = ["--probes"], paramLabel = "KINDS", split = ",", converter = [ProbeKindConverter::class],
        description = ["mlp,linear (default)"])
    var probes: List<ProbeKind> = DEFAULTS.probes()

    @Option(names = ["--quick"], description = ["one sensible config per probe instead of the paper's grid search"])
    var quick: Boolean = false

    @Option(names = ["--seeds"], paramLabel = "N", description = ["seeds per chosen config (default: 5, or 1 with --quick)"])
    var seeds: Int = 0

    @Option(names = ["--pooling"], paramLabel = "MODE", converter = [WordPoolingConverter::class], description = [
        "word vector from subwords: mean (default) | first"])
    var pooling: WordPooling = ExtractionOptions.DEFAULTS.wordPooling()

    @Option(names = ["--sentence-pooling"], paramLabel = "MODE", converter = [SentencePoolingConverter::class],
        description = ["sentence vector: cls (default) | mean"])
    var sentencePooling: SentencePooling = ExtractionOptions.DEFAULTS.sentencePooling()

    @Option(names = ["--float16"], description = ["store cached vectors as float16 (half the disk)"])
    var float16: Boolean = false

    @Mixin
    lateinit var device: DeviceMixin

    @Option(names = ["--runs"], paramLabel = "DIR", description = ["where run directories go (default: runs)"])
    var runs: Path = Path.of("runs")

    @Mixin
    lateinit var cache: CacheMixin

    override fun call(): Int {
        val spec = spec()
        val runDir = runs.resolve(runName(spec))
        ProbingJson.write(spec, runDir.resolve("spec.json"))
        val bar = ProgressBar()
        val result = LayerProbing(runDir, cache.root(), device.options(), bar).run(spec)
        bar.finishLine()
        print(report(result))
        println("results: ${runDir.resolve("results.json")}")
        return 0
    }

    /**
     * The options as a spec; what the spec itself refuses (a negative seed count) is a usage error,
     * its message starting with the field's name, which is the option's.
     */
    fun spec(): ProbingSpec {
        var extraction = ExtractionOptions.DEFAULTS.withWordPooling(pooling).withSentencePooling(sentencePooling)
        if (float16) extraction = extraction.withPrecision(Precision.FLOAT16)
        return try {
            ProbingSpec(model, data, task, layers.indices, probes, quick, seeds, extraction)
        } catch (e: IllegalArgumentException) {
            throw ParameterException(command.commandLine(), "--" + e.message)
        }
    }

    companion object {
        private val DEFAULTS = ProbingSpec.quickstart()

        /** `runs/<data>-<task>-<hash of the spec>`: the same spec always lands in the same directory. */
        fun runName(spec: ProbingSpec): String {
            val data = spec.data().let { if ('/' in it) it.substringBefore(':') + "_" + it.trimEnd('/').substringAfterLast('/') else it }
            val slug = "$data-${spec.task()}".lowercase(Locale.ROOT).replace(Regex("[^a-z0-9._-]+"), "_").take(60)
            return slug + "-" + Checksums.sha256(ProbingJson.toJson(spec).toByteArray()).take(8)
        }

        fun report(result: ProbingResult): String {
            val kinds = result.spec().probes()
            val header = listOf("layer") + kinds.flatMap { k -> val n = k.name.lowercase(); listOf("$n acc", "± std", "$n F1") }
            val table = Table(header)
            val layers = result.scores().map { it.layer() }.distinct().sorted()
            for (layer in layers) {
                val cells = mutableListOf(layer.toString())
                for (kind in kinds) {
                    val score = result.scores().first { it.layer() == layer && it.result().kind() == kind }.result()
                    cells += "%.4f".format(score.testAccuracy().mean())
                    // one seed has no spread to show
                    cells += if (score.seedEvaluations().size > 1) "%.4f".format(score.testAccuracy().std()) else "-"
                    cells += "%.4f".format(score.testMacroF1().mean())
                }
                table.row(*cells.toTypedArray())
            }
            val p = result.provenance()
            val unseen = result.scores().firstOrNull()?.result()?.firstSeed()?.unseenCount() ?: 0
            return buildString {
                appendLine("${p.modelId()} on ${p.dataName()}, task ${result.spec().task()}: test accuracy per layer" +
                    (if (result.spec().quick()) " (quick mode)" else " (grid search)"))
                append(table)
                appendLine("rows train/dev/test: ${p.rows()["train"]}/${p.rows()["dev"]}/${p.rows()["test"]}" +
                    (if (unseen > 0) "; $unseen test rows have labels never seen in training (counted as errors)" else ""))
                appendLine("seconds: " + p.seconds().entries.joinToString { "${it.key} ${it.value}" })
            }
        }
    }
}
