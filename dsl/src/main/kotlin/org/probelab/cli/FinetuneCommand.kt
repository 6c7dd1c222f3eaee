package org.probelab.cli

import com.fasterxml.jackson.databind.ObjectMapper
import org.probelab.model.ComputePrecision
import org.probelab.model.EasyBert
import org.probelab.model.ModelStore
import org.probelab.represent.WordPooling
import org.probelab.data.Checksums
import org.probelab.data.DataSources
import org.probelab.train.FineTuneSettings
import org.probelab.train.FineTuneSpec
import org.probelab.train.FineTuneStage
import org.probelab.train.Stages
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Model.CommandSpec
import picocli.CommandLine.Option
import picocli.CommandLine.ParameterException
import picocli.CommandLine.Spec
import java.nio.file.Path
import java.util.Locale
import java.util.concurrent.Callable

/** `probelab finetune`: fine-tunes a model on a labelled task and writes the snapshot, a model directory. */
@Command(
    name = "finetune",
    header = ["Fine-tune a model on a labelled task and write a snapshot."],
    description = [
        "Trains BERT end to end with a task head (AdamW, warm-up and linear decay, clipping, layer-wise rate " +
            "decay; defaults from BERT and Sun et al. 2019, see docs/fine-tuning.md). The snapshot is a model " +
            "directory: probe it with 'probelab probe --model DIR'. Rerunning resumes an interrupted stage from its " +
            "last checkpoint and skips a finished one.",
    ],
)
class FinetuneCommand : Callable<Int> {
    @Spec
    lateinit var command: CommandSpec

    @Option(names = ["--model"], paramLabel = "ID|DIR", description = ["bert-base-uncased (default) or a model directory"])
    var model: String = EasyBert.ID

    @Option(names = ["--data"], paramLabel = "SOURCE", description = ["demo (default) | demo:N | ud:en_ewt | conllu:PATH | tsv:PATH"])
    var data: String = "demo"

    @Option(names = ["--task"], paramLabel = "TASK", converter = [TaskConverter::class],
        description = ["pos (default) | xpos | dep | dep-full | sentence | genre | column:N"])
    var task: String = "pos"

    @Option(names = ["--epochs"], paramLabel = "N", description = ["passes over train (default: 3)"])
    var epochs: Int = DEFAULTS.epochs()

    @Option(names = ["--batch-size"], paramLabel = "N", description = ["sentences per step (default: 32)"])
    var batchSize: Int = DEFAULTS.batchSize()

    @Option(names = ["--learning-rate"], paramLabel = "RATE", description = ["peak rate (default: 2e-5)"])
    var learningRate: Float = DEFAULTS.learningRate()

    @Option(names = ["--layer-decay"], paramLabel = "XI", description = ["each lower layer's rate x XI, in (0, 1] (default: 0.95)"])
    var layerDecay: Float = DEFAULTS.layerDecay()

    @Option(names = ["--freeze-embeddings"], description = ["keep the embeddings as they are"])
    var freezeEmbeddings: Boolean = false

    @Option(names = ["--freeze-layers"], paramLabel = "K", description = ["keep the lowest K transformer layers as they are"])
    var frozenLayers: Int = 0

    @Option(names = ["--pooling"], paramLabel = "MODE", converter = [WordPoolingConverter::class],
        description = ["word heads pool subwords by: mean (default) | first"])
    var pooling: WordPooling = DEFAULTS.wordPooling()

    @Option(names = ["--seed"], paramLabel = "N", description = ["data order, dropout and head initialisation (default: 42)"])
    var seed: Long = DEFAULTS.seed()

    @Option(names = ["--precision"], paramLabel = "P", converter = [ComputePrecisionConverter::class],
        description = ["float32 (default) | bf16: training arithmetic, on CPUs with bfloat16 instructions"])
    var precision: ComputePrecision = DEFAULTS.precision()

    @Option(names = ["--runs"], paramLabel = "DIR", description = ["where run directories go (default: runs)"])
    var runs: Path = Path.of("runs")

    @Mixin
    lateinit var device: DeviceMixin

    @Mixin
    lateinit var cache: CacheMixin

    override fun call(): Int {
        val settings = settings()
        val spec = FineTuneSpec(task, settings)
        val runDir = runs.resolve(runName(spec, model, data))
        val bar = ProgressBar()
        val done = try {
            Stages.run(listOf(FineTuneStage(spec)), ModelStore.load(model, cache.root()), DataSources.open(data),
                runDir, device.options(), bar, cache.root()).single()
        } finally {
            bar.finishLine()
        }
        val result = done.result()
        println(String.format(Locale.ROOT, "%s: %d steps, dev accuracy %.4f at step %d%s", result.stage(), result.steps(),
            result.bestDevAccuracy(), result.bestStep(), if (result.stoppedEarly()) " (stopped early)" else ""))
        println("snapshot: ${done.snapshot()}")
        println("probe it: probelab probe --model ${done.snapshot()} --data $data --task $task")
        return 0
    }

    /** The options as core's settings; what they refuse is a usage error naming the option. */
    fun settings(): FineTuneSettings = try {
        FineTuneSettings.DEFAULTS.toBuilder().epochs(epochs).batchSize(batchSize).learningRate(learningRate)
            .layerDecay(layerDecay).freezeEmbeddings(freezeEmbeddings).frozenLayers(frozenLayers).wordPooling(pooling)
            .seed(seed).precision(precision).build()
    } catch (e: IllegalArgumentException) {
        throw ParameterException(command.commandLine(), e.message)
    }

    companion object {
        private val DEFAULTS: FineTuneSettings = FineTuneSettings.DEFAULTS

        /** `runs/finetune-<task>-<first 8 hex digits of the SHA-256 of the stage's spec and its inputs>`. */
        fun runName(spec: FineTuneSpec, model: String, data: String): String {
            val json = ObjectMapper().writeValueAsString(listOf(model, data, spec))
            return "finetune-" + spec.task().replace(Regex("[^A-Za-z0-9._-]+"), "_") + "-" +
                Checksums.sha256(json.toByteArray()).take(8)
        }
    }
}
