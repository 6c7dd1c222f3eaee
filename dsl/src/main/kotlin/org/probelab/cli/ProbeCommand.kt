package org.probelab.cli

import org.probelab.model.ComputePrecision
import org.probelab.model.DeviceOptions
import org.probelab.probe.ControlTask
import org.probelab.probe.DirectProbeSpec
import org.probelab.probe.LayerProbing
import org.probelab.probe.ProbeKind
import org.probelab.probe.ProbingJson
import org.probelab.probe.ProbingResult
import org.probelab.probe.ProbingSpec
import org.probelab.represent.ExtractionOptions
import org.probelab.represent.Precision
import org.probelab.represent.SentencePooling
import org.probelab.represent.WordPooling
import org.probelab.dsl.runDirectoryName
import org.probelab.data.DataSources
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Model.CommandSpec
import picocli.CommandLine.Option
import picocli.CommandLine.ParameterException
import picocli.CommandLine.Spec
import java.nio.file.Path
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
        "(PATH: a directory with train/dev/test files, three files A,B,C, or one file; conllu: reads .conllu " +
            "and .conllulex; train and test without dev: add --dev-from-train)"])
    var data: String = DEFAULTS.data()

    @Option(names = ["--dev-from-train"], paramLabel = "FRACTION", description = [
        "where the data has train and test but no dev: take this fraction of train as dev, spread evenly " +
            "(0.1: every 10th sentence); never from test"])
    var devFromTrain: Double? = null

    @Option(names = ["--task"], paramLabel = "TASK", converter = [TaskConverter::class], description = [
        "pos (default) | xpos | dep | dep-full | sentence | genre (the genre a sentence id starts with, as UD EWT's) |",
        "column:N (N counts columns from 0) | column:NAME",
        "(NAME: CoNLL-U's id, form, lemma, upos, xpos, feats, head, deprel, deps, misc; CoNLL-U-Lex's also " +
            "smwe, lexcat, lexlemma, ss, ss2, wmwe, wcat, wlemma, lextag; or a file's # global.columns)"])
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

    @Option(names = ["--control"], paramLabel = "CONTROL", arity = "0..1", fallbackValue = "word-types",
        converter = [ControlTaskConverter::class], description = [
            "also probe a control task and report selectivity (task − control accuracy): word-types (the default " +
                "with a bare --control; Hewitt & Liang: a random label per word type) | shuffled-tokens"])
    var control: ControlTask? = null

    @Option(names = ["--mdl"], description = [
        "also measure each layer's online codelength and compression (Voita & Titov 2020)"])
    var mdl: Boolean = false

    @Option(names = ["--direct-probe"], description = [
        "also run DirectProbe on every layer (Zhou & Srikumar 2021): clusters against labels, label distances, " +
            "nearest-cluster accuracy; 'probelab geometry RUN_DIR' summarises it"])
    var directProbe: Boolean = false

    @Option(names = ["--drop-conflicts"], description = [
        "with --direct-probe: drop training items that sit on an item of another label before clustering " +
            "(they are reported either way)"])
    var dropConflicts: Boolean = false

    @Option(names = ["--pooling"], paramLabel = "MODE", converter = [WordPoolingConverter::class], description = [
        "word vector from subwords: mean (default) | first"])
    var pooling: WordPooling = ExtractionOptions.DEFAULTS.wordPooling()

    @Option(names = ["--sentence-pooling"], paramLabel = "MODE", converter = [SentencePoolingConverter::class],
        description = ["sentence vector: cls (default) | mean"])
    var sentencePooling: SentencePooling = ExtractionOptions.DEFAULTS.sentencePooling()

    @Option(names = ["--float16"], description = ["store cached vectors as float16 (half the disk)"])
    var float16: Boolean = false

    @Option(names = ["--precision"], paramLabel = "P", converter = [ComputePrecisionConverter::class], description = [
        "forward arithmetic: float32 (default) | bf16 (faster where the CPU has avx512_bf16 or amx_bf16; " +
            "float32 elsewhere, said in one line; see docs/probing.md)"])
    var precision: ComputePrecision = ExtractionOptions.DEFAULTS.compute()

    @Mixin
    lateinit var device: DeviceMixin

    @Option(names = ["--parallel-layers"], paramLabel = "N", converter = [AtLeastOne::class], description = [
        "layers whose probes are searched side by side (default: ${DeviceOptions.PROBE_LAYERS_AT_ONCE}, the best " +
            "measured on 2 cores; more cores may gain from more)"])
    var parallelLayers: Int = DeviceOptions.PROBE_LAYERS_AT_ONCE

    @Option(names = ["--runs"], paramLabel = "DIR", description = ["where run directories go (default: runs)"])
    var runs: Path = Path.of("runs")

    @Mixin
    lateinit var cache: CacheMixin

    override fun call(): Int {
        val spec = spec()
        val runDir = runs.resolve(runName(spec))
        val bar = ProgressBar()
        val result = try {
            LayerProbing(runDir, cache.root(), deviceOptions(), bar).run(spec)
        } finally {
            bar.finishLine() // an error or an interruption starts on a line of its own
        }
        print(report(result))
        println("results: ${runDir.resolve(LayerProbing.RESULTS_FILE)}")
        return 0
    }

    /** Where and how the probes run: `--device`, `--threads` and `--parallel-layers`. */
    fun deviceOptions(): DeviceOptions = device.options().withProbeLayersAtOnce(parallelLayers)

    /**
     * The options as a spec; what the spec itself refuses (a negative seed count) is a usage error,
     * its message starting with the field's name, which is the option's.
     */
    fun spec(): ProbingSpec {
        var extraction = ExtractionOptions.DEFAULTS.withWordPooling(pooling).withSentencePooling(sentencePooling)
            .withCompute(precision)
        if (float16) extraction = extraction.withPrecision(Precision.FLOAT16)
        return try {
            val source = devFromTrain?.let { DataSources.withDevFromTrain(data, it) } ?: data
            if (dropConflicts && !directProbe) throw IllegalArgumentException("drop-conflicts applies to --direct-probe; add it")
            ProbingSpec(model, source, task, layers.indices, probes, quick, seeds, extraction, control, mdl,
                if (directProbe) DirectProbeSpec(DirectProbeSpec.DEFAULTS.tolerance(), dropConflicts, true) else null)
        } catch (e: IllegalArgumentException) {
            throw ParameterException(command.commandLine(), "--" + e.message)
        }
    }

    companion object {
        private val DEFAULTS = ProbingSpec.quickstart()

        /** `runs/<data>-<task>-<hash of the spec>` ([runDirectoryName]). */
        fun runName(spec: ProbingSpec): String = runDirectoryName("${dataLabel(spec.data())}-${spec.task()}", ProbingJson.toJson(spec))

        /**
         * The data's part of a run's name: the source itself (`demo`, `ud:en_ewt`), or its kind and what its
         * files share: one file's name, a directory's, or the common start of several files' names
         * (`en_ewt-ud-train.conllu,...dev...,...test...` -> `conllu_en_ewt-ud`), else their directory's.
         */
        fun dataLabel(data: String): String {
            val source = data.substringBefore(';') // options such as dev-from-train are in the hash
            if ('/' !in source && ',' !in source) return source
            val paths = source.substringAfter(':').split(',').map { Path.of(it.trim()) }
            val names = paths.map { it.fileName.toString() }
            var shared = names.reduce { a, b -> a.commonPrefixWith(b) }
            // whole words only: trec-train and trec-test share "trec", not "trec-t"
            while (shared.isNotEmpty() && shared.last().isLetterOrDigit() &&
                names.any { it.length > shared.length && it[shared.length].isLetterOrDigit() }) {
                shared = shared.dropLast(1)
            }
            val label = shared.trimEnd('.', '_', '-').ifEmpty { paths[0].toAbsolutePath().parent?.fileName?.toString() ?: "data" }
            return source.substringBefore(':') + "_" + label
        }

        fun report(result: ProbingResult): String {
            val kinds = result.spec().probes()
            val controlled = result.controlScores().isNotEmpty()
            val coded = result.codelengths().isNotEmpty()
            val header = listOf("layer") + kinds.flatMap { k ->
                val n = k.name.lowercase()
                listOf("$n acc", "± std", "$n F1") + (if (controlled) listOf("control", "select.") else listOf()) +
                    if (coded) listOf("kbit", "compr.") else listOf()
            }
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
                    if (controlled) {
                        val row = result.selectivity(kind).firstOrNull { it.layer() == layer }
                        cells += row?.let { "%.4f".format(it.controlAccuracy()) } ?: "-"
                        cells += row?.let { "%.4f".format(it.selectivity()) } ?: "-"
                    }
                    if (coded) {
                        val code = result.codelengths().firstOrNull { it.layer() == layer && it.kind() == kind }?.code()
                        cells += code?.let { "%.1f".format(it.onlineBits() / 1000) } ?: "-"
                        cells += code?.let { "%.2f".format(it.compression()) } ?: "-"
                    }
                }
                table.row(*cells.toTypedArray())
            }
            val p = result.provenance()
            val unseen = result.scores().firstOrNull()?.result()?.firstSeed()?.unseenCount() ?: 0
            return buildString {
                appendLine("${p.modelId()} on ${p.dataName()}, task ${result.spec().describeTask()}: test accuracy per layer" +
                    (if (result.spec().quick()) " (quick mode)" else " (grid search)") +
                    (result.spec().control()?.let { ", ${it.id()} control (select. = acc − control)" } ?: "") +
                    (if (coded) ", MDL online code (kbit, compression)" else ""))
                append(table)
                appendLine("rows train/dev/test: ${p.rows()["train"]}/${p.rows()["dev"]}/${p.rows()["test"]}" +
                    (if (unseen > 0) "; $unseen test rows have labels never seen in training (counted as errors)" else ""))
                appendLine("seconds: " + p.seconds().entries.joinToString { "${it.key} ${it.value}" })
                result.notes().forEach { appendLine(it) }
                if (result.directProbes().isNotEmpty()) append(directProbeText(result.directProbes()))
            }
        }
    }
}
