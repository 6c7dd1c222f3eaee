package org.probelab.cli

import com.fasterxml.jackson.databind.ObjectMapper
import org.probelab.data.Checksums
import org.probelab.data.DataSources
import org.probelab.model.EasyBert
import org.probelab.model.ModelStore
import org.probelab.represent.Task
import org.probelab.train.DownstreamProbe
import org.probelab.train.FineTuneSettings
import org.probelab.train.FineTuneSpec
import org.probelab.train.FineTuneStage
import org.probelab.train.MlmSettings
import org.probelab.train.MlmSpec
import org.probelab.train.MlmStage
import org.probelab.train.Stage
import org.probelab.train.Stages
import org.probelab.train.mlm.DynamicMasking
import org.probelab.train.mlm.MaskPolicy
import org.probelab.train.mlm.MaskRule
import org.probelab.train.mlm.SelectiveMasking
import org.probelab.train.mlm.StaticMasking
import org.probelab.train.mlm.WholeWordMasking
import org.probelab.train.selective.ImportanceScorer
import org.probelab.train.selective.SelectiveMaskingSpec
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Model.CommandSpec
import picocli.CommandLine.Option
import picocli.CommandLine.ParameterException
import picocli.CommandLine.Spec
import java.nio.file.Path
import java.util.Locale
import java.util.concurrent.Callable

/**
 * `probelab pretrain`: a masked-LM recipe — general pre-training, domain transfer, task transfer, then
 * optionally fine-tuning — each stage's snapshot a model directory.
 */
@Command(
    name = "pretrain",
    header = ["Run a masked-LM recipe: pre-train, domain transfer, task transfer, fine-tune."],
    description = [
        "Runs the stages that are named, in this order: --pretrain CORPUS (from scratch), --domain CORPUS, " +
            "--task-transfer (the --data train text), --fine-tune TASK. Each stage starts from the previous " +
            "snapshot and writes its own, a model directory: probe it with 'probelab probe --model DIR'. " +
            "Defaults from BERT, RoBERTa and Sun et al. 2019, see docs/pretraining.md. Rerunning resumes an " +
            "interrupted stage and skips finished ones.",
    ],
)
class PretrainCommand : Callable<Int> {
    @Spec
    lateinit var command: CommandSpec

    @Option(names = ["--model"], paramLabel = "ID|DIR",
        description = ["bert-base-uncased (default) or a model directory; pre-training keeps its vocabulary"])
    var model: String = EasyBert.ID

    @Option(names = ["--data"], paramLabel = "SOURCE",
        description = ["the task data: demo (default) | demo:N | ud:en_ewt | conllu:PATH | tsv:PATH"])
    var data: String = "demo"

    @Option(names = ["--pretrain"], paramLabel = "CORPUS",
        description = ["pre-train from scratch on CORPUS: text:PATH | a data source | SOURCE;genre=G"])
    var pretrain: String? = null

    @Option(names = ["--architecture"], paramLabel = "LxH",
        description = ["the shape --pretrain trains, e.g. 4x256 (default: the model's)"])
    var architecture: String? = null

    @Option(names = ["--domain"], paramLabel = "CORPUS",
        description = ["domain transfer on CORPUS, e.g. 'ud:en_ewt;genre=reviews' or text:PATH"])
    var domain: String? = null

    @Option(names = ["--task-transfer"], description = ["further pre-train on the --data train text"])
    var taskTransfer: Boolean = false

    @Option(names = ["--fine-tune"], paramLabel = "TASK", converter = [TaskConverter::class],
        description = ["end with fine-tuning on TASK: pos | xpos | dep | dep-full | sentence | column:N"])
    var fineTune: String? = null

    @Option(names = ["--mask-policy"], paramLabel = "POLICY",
        description = ["dynamic (default) | static | whole-word | selective (Gu et al. 2020: a sentence classifier " +
            "fine-tuned on the --selective-data labels decides which words are masked)"])
    var maskPolicy: String = DynamicMasking.NAME

    @Option(names = ["--selective-data"], paramLabel = "SOURCE",
        description = ["the sentence-labelled data selective masking's classifier learns from (default: --data)"])
    var selectiveData: String? = null

    @Option(names = ["--selective-delta"], paramLabel = "D",
        description = ["selective masking's threshold on the drop in the classifier's confidence (default: 0.02)"])
    var selectiveDelta: Double = ImportanceScorer.DEFAULT_DELTA

    @Option(names = ["--mask-rate"], paramLabel = "R", description = ["share of subwords predicted, in (0, 1) (default: 0.15)"])
    var maskRate: Double = MaskRule.BERT.rate()

    @Option(names = ["--mlm-epochs"], paramLabel = "N", description = ["passes over each masked-LM stage's text (default: 1)"])
    var epochs: Int = MlmSettings.PRETRAINING.epochs()

    @Option(names = ["--mlm-batch-size"], paramLabel = "N", description = ["sequences per masked-LM step (default: 32)"])
    var batchSize: Int = MlmSettings.PRETRAINING.batchSize()

    @Option(names = ["--mlm-learning-rate"], paramLabel = "RATE",
        description = ["peak rate of the masked-LM stages (default: 1e-4 from scratch, 5e-5 for transfer)"])
    var learningRate: Float? = null

    @Option(names = ["--seed"], paramLabel = "N", description = ["masks, data order, dropout, initial weights (default: 42)"])
    var seed: Long = MlmSettings.PRETRAINING.seed()

    @Option(names = ["--runs"], paramLabel = "DIR", description = ["where run directories go (default: runs)"])
    var runs: Path = Path.of("runs")

    @Mixin
    lateinit var device: DeviceMixin

    @Mixin
    lateinit var cache: CacheMixin

    override fun call(): Int {
        val stages = stages()
        val runDir = runs.resolve(runName(stages.map { it.spec() }, model, data))
        val bar = ProgressBar()
        val done = try {
            Stages.run(stages, ModelStore.load(model, cache.root()), DataSources.open(data), runDir,
                device.options(), bar, cache.root())
        } finally {
            bar.finishLine()
        }
        for (stage in done) {
            val r = stage.result()
            val what = if (r.spec() is MlmSpec) {
                val best = r.curves().evaluations().firstOrNull { it.step() == r.bestStep() }
                if (best == null) "" else String.format(Locale.ROOT, ", held-out loss %.4f (perplexity %.1f)",
                    best.devLoss(), Math.exp(best.devLoss())) + (best.downstreamDevAccuracy()?.let {
                    String.format(Locale.ROOT, ", %s probe dev accuracy %.4f", fineTune, it)
                } ?: "")
            } else {
                String.format(Locale.ROOT, ", dev accuracy %.4f", r.bestDevAccuracy())
            }
            println(String.format(Locale.ROOT, "%s: %d steps%s at step %d%s", r.stage(), r.steps(), what, r.bestStep(),
                if (r.stoppedEarly()) " (stopped early)" else ""))
            println("  snapshot: ${stage.snapshot()}")
        }
        return 0
    }

    /** The named stages in recipe order; what core refuses is a usage error naming the option. */
    fun stages(): List<Stage> {
        val stages = mutableListOf<Stage>()
        try {
            pretrain?.let {
                stages += MlmStage(MlmSpec(MlmSpec.Kind.PRETRAIN, it, shape(), settings(MlmSettings.PRETRAINING),
                    selective(), downstream()))
            }
            if (architecture != null && pretrain == null) {
                throw IllegalArgumentException("--architecture shapes the model --pretrain trains; give --pretrain CORPUS")
            }
            domain?.let {
                stages += MlmStage(MlmSpec(MlmSpec.Kind.DOMAIN_TRANSFER, it, null,
                    settings(MlmSettings.FURTHER_PRETRAINING), selective(), downstream()))
            }
            if (taskTransfer) {
                stages += MlmStage(MlmSpec(MlmSpec.Kind.TASK_TRANSFER, null, null,
                    settings(MlmSettings.FURTHER_PRETRAINING), selective(), downstream()))
            }
            fineTune?.let { stages += FineTuneStage(FineTuneSpec(it, FineTuneSettings.DEFAULTS.toBuilder().seed(seed).build())) }
        } catch (e: IllegalArgumentException) {
            throw ParameterException(command.commandLine(), e.message)
        }
        if (stages.isEmpty()) {
            throw ParameterException(command.commandLine(),
                "name at least one stage: --pretrain CORPUS, --domain CORPUS, --task-transfer or --fine-tune TASK")
        }
        return stages
    }

    private fun settings(defaults: MlmSettings): MlmSettings = defaults.toBuilder().epochs(epochs).batchSize(batchSize)
        .learningRate(learningRate ?: defaults.learningRate()).maskPolicy(policy()).seed(seed).build()

    private fun policy(): MaskPolicy {
        val rule = MaskRule(maskRate, MaskRule.BERT.toMask(), MaskRule.BERT.toRandom())
        return when (maskPolicy) {
            DynamicMasking.NAME -> DynamicMasking(rule)
            StaticMasking.NAME -> StaticMasking(rule, StaticMasking.DUPLICATES)
            WholeWordMasking.NAME -> WholeWordMasking(rule)
            // Selective masks are drawn as dynamic ones, among the marked words (MlmSpec.selective).
            SelectiveMasking.NAME -> DynamicMasking(rule)
            else -> throw IllegalArgumentException(
                "--mask-policy is dynamic, static, whole-word or selective, not '$maskPolicy'")
        }
    }

    /** With --fine-tune, the probe on its task that every masked-LM evaluation scores (docs/pretraining.md). */
    private fun downstream(): DownstreamProbe? = fineTune?.let { DownstreamProbe(it) }

    /** Selective masking's declaration: a sentence classifier on the labelled data, fine-tuned at BERT's defaults. */
    private fun selective(): SelectiveMaskingSpec? {
        if (maskPolicy != SelectiveMasking.NAME) {
            if (selectiveData != null) throw IllegalArgumentException("--selective-data goes with --mask-policy selective")
            return null
        }
        return SelectiveMaskingSpec(Task.sentence().id(), selectiveData, selectiveDelta,
            FineTuneSettings.DEFAULTS.toBuilder().seed(seed).build())
    }

    /** `LxH` as a from-scratch architecture: L layers, H hidden, H/64 heads (at least 1), 4H intermediate. */
    private fun shape(): MlmSpec.Architecture? {
        val text = architecture ?: return null
        val match = Regex("(\\d+)x(\\d+)").matchEntire(text)
            ?: throw IllegalArgumentException("--architecture is LAYERSxHIDDEN, e.g. 4x256, not '$text'")
        val layers = match.groupValues[1].toInt()
        val hidden = match.groupValues[2].toInt()
        return MlmSpec.Architecture(layers, hidden, maxOf(1, hidden / 64), 4 * hidden)
    }

    companion object {
        /** `runs/pretrain-<first 8 hex digits of the SHA-256 of the stages' specs and their inputs>`. */
        fun runName(specs: List<Any>, model: String, data: String): String {
            val json = ObjectMapper().writeValueAsString(listOf(model, data, specs))
            return "pretrain-" + Checksums.sha256(json.toByteArray()).take(8)
        }
    }
}
