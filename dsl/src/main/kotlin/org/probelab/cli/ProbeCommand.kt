package org.probelab.cli

import org.probelab.io.CacheRoot
import org.probelab.model.DeviceOptions
import org.probelab.probe.LayerProbing
import org.probelab.probe.ProbeKind
import org.probelab.probe.ProbingJson
import org.probelab.probe.ProbingResult
import org.probelab.probe.ProbingSpec
import org.probelab.represent.ExtractionOptions
import org.probelab.represent.WordPooling
import org.probelab.represent.SentencePooling
import org.probelab.represent.Precision
import org.probelab.text.Checksums
import java.nio.file.Path
import java.util.Locale

/** `probelab probe`: per-layer probe accuracies of a model on a data set, as a table and JSON. */
class ProbeCommand(private val args: Args) {

    fun run(): Int {
        val spec = spec()
        val device = device()
        val runsRoot = Path.of(args.string("runs", "runs"))
        val cacheRoot = CacheRoot.resolve(args.string("cache")).dir()
        args.rejectUnknown()

        val runDir = runsRoot.resolve(runName(spec))
        ProbingJson.write(spec, runDir.resolve("spec.json"))
        val bar = ProgressBar()
        val result = LayerProbing(runDir, cacheRoot, device, bar).run(spec)
        bar.finishLine()
        print(report(result))
        println("results: ${runDir.resolve("results.json")}")
        return 0
    }

    private fun spec(): ProbingSpec {
        val defaults = ProbingSpec.quickstart()
        var extraction = ExtractionOptions.DEFAULTS
        args.string("pooling")?.let {
            extraction = extraction.withWordPooling(enumOf<WordPooling>("pooling", it))
        }
        args.string("sentence-pooling")?.let {
            extraction = extraction.withSentencePooling(enumOf<SentencePooling>("sentence-pooling", it))
        }
        if (args.flag("float16")) extraction = extraction.withPrecision(Precision.FLOAT16)
        return ProbingSpec(
            args.string("model", defaults.model()),
            args.string("data", defaults.data()),
            args.string("task", defaults.task()),
            layers(args.string("layers", "all")),
            args.string("probes")?.split(",")?.map { enumOf<ProbeKind>("probes", it.trim()) } ?: defaults.probes(),
            args.flag("quick"),
            args.int("seeds", 0),
            extraction,
        )
    }

    private fun device(): DeviceOptions {
        val base = when (val name = args.string("device", "cpu")) {
            "cpu" -> DeviceOptions.cpu()
            "gpu" -> DeviceOptions.gpu()
            "auto" -> DeviceOptions.auto()
            else -> throw UsageException("--device takes cpu, gpu or auto, not '$name'")
        }
        val threads = args.int("threads", 0)
        return if (threads > 0) base.withThreads(threads, base.interOpThreads()) else base
    }

    companion object {
        const val USAGE = """usage: probelab probe [options]

Trains classifier probes on every layer's vectors and prints a per-layer table; writes
spec.json and results.json (with provenance) to a run directory. Rerunning the same spec reuses
cached vectors and finished probe steps.

  --model ID|DIR        bert-base-uncased (default; from Maven), or a directory with Google
                        (bert_config.json, vocab.txt, bert_model.ckpt.*) or HF (config.json,
                        vocab.txt, model.safetensors) weights
  --data SOURCE         demo (default) | demo:N | ud:en_ewt | conllu:PATH | tsv:PATH
                        (PATH: a directory with train/dev/test files, three files A,B,C, or one file)
  --task TASK           pos (default) | xpos | dep | dep-full | sentence | column:N
  --layers LAYERS       all (default) | 0,6,12 | 0-4  (0 = embeddings)
  --probes KINDS        mlp,linear (default)
  --quick               one sensible config per probe instead of the paper's grid search
  --seeds N             seeds per chosen config (default: 5, or 1 with --quick)
  --pooling MODE        word vector from subwords: mean (default) | first
  --sentence-pooling M  sentence vector: cls (default) | mean
  --float16             store cached vectors as float16 (half the disk)
  --device DEV          cpu (default) | gpu | auto   (GPU: see docs/gpu.md)
  --threads N           TensorFlow intra-op threads (default: all cores)
  --runs DIR            where run directories go (default: runs)
  --cache DIR           cache for models, data, vectors (default: -Dprobelab.cache, ${'$'}PROBELAB_CACHE
                        or ~/.cache/probelab)
"""

        /** `runs/<data>-<task>-<hash of the spec>`: the same spec always lands in the same directory. */
        fun runName(spec: ProbingSpec): String {
            val data = spec.data().let { if ('/' in it) it.substringBefore(':') + "_" + it.trimEnd('/').substringAfterLast('/') else it }
            val slug = "$data-${spec.task()}".lowercase(Locale.ROOT).replace(Regex("[^a-z0-9._-]+"), "_").take(60)
            return slug + "-" + Checksums.sha256(ProbingJson.toJson(spec).toByteArray()).take(8)
        }

        fun layers(text: String): List<Int> {
            if (text == "all") return emptyList()
            return text.split(",").flatMap { part ->
                val range = part.trim().split("-")
                val numbers = range.map { it.trim().toIntOrNull() ?: throw UsageException("--layers: '$part' is not a layer number or range") }
                when (numbers.size) {
                    1 -> numbers
                    2 -> (numbers[0]..numbers[1]).toList().ifEmpty { throw UsageException("--layers: empty range '$part'") }
                    else -> throw UsageException("--layers: '$part' is not a layer number or range")
                }
            }
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

        private inline fun <reified E : Enum<E>> enumOf(option: String, text: String): E =
            enumValues<E>().firstOrNull { it.name.equals(text, ignoreCase = true) }
                ?: throw UsageException("--$option: '$text' is not one of " + enumValues<E>().joinToString { it.name.lowercase() })
    }
}
