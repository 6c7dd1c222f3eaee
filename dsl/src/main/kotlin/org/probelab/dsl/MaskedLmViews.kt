package org.probelab.dsl

import org.probelab.data.DataSources
import org.probelab.data.corpus.Corpora
import org.probelab.dsl.plots.Figure
import org.probelab.dsl.plots.StageCurves
import org.probelab.dsl.plots.StepScores
import org.probelab.dsl.plots.scoreByStep
import org.probelab.dsl.plots.trainingCurves
import org.probelab.io.CacheRoot
import org.probelab.model.ModelStore
import org.probelab.text.BertTokenizer
import org.probelab.train.MlmStage
import org.probelab.train.mlm.MaskRule
import org.probelab.train.mlm.MaskTokens
import org.probelab.train.mlm.MaskedSequence
import org.probelab.train.mlm.PackedSequence
import org.probelab.train.mlm.SelectiveMasking
import org.probelab.train.mlm.SequencePacker
import java.nio.file.Files
import java.nio.file.Path

/**
 * How each policy masks the first [sequences] sequences of [corpus] (packed as a stage packs them, 32 subwords
 * at most here so that a line fits), in epochs 1 to [epochs]: a line per policy and epoch, the chosen subwords
 * shown as `[MASK]`, as `{random}` when replaced by a random token, as `«kept»` when left unchanged.
 *
 * @param model names the model whose vocabulary tokenizes the text, as `model { }` does: `{ bertBase() }`
 */
fun maskedSentences(
    corpus: String,
    policies: List<MaskPolicySpec>,
    sequences: Int = 2,
    epochs: Int = 2,
    seed: Long = 42,
    model: ModelBuilder.() -> Unit,
): String {
    val pretrained = ModelStore.load(ModelBuilder().apply(model).build().source)
    val tokenizer = BertTokenizer.fromVocabFile(pretrained.vocab(), pretrained.lowerCase())
    val packed = SequencePacker.pack(Corpora.open(corpus), tokenizer, 32, SequencePacker.Documents.KEEP_APART)
        .take(sequences)
    val tokens = MaskTokens(tokenizer.maskId(), tokenizer.vocab().size())
    val lines = mutableListOf(LEGEND)
    for (sequence in packed) {
        lines += ""
        lines += "text:  " + tokenizer.decode(sequence.ids())
        for (policy in policies) {
            for (epoch in 0 until epochs) {
                lines += maskedLine(policy.name, epoch, policy.toPolicy(MaskRule.BERT).mask(sequence, epoch, 0, seed, tokens),
                    sequence, tokenizer, tokens)
            }
        }
    }
    return lines.joinToString("\n")
}

private const val LEGEND = "[MASK] = replaced by [MASK], {w} = replaced by the random token w, «w» = chosen, left as w"

/** One line of a picture: the sequence under [masked], chosen subwords shown as [maskedSentences] says. */
private fun maskedLine(name: String, epoch: Int, masked: MaskedSequence, sequence: PackedSequence, tokenizer: BertTokenizer,
                       tokens: MaskTokens): String {
    val shown = sequence.ids().indices.map { p ->
        val token = tokenizer.vocab().token(masked.inputIds()[p])
        when {
            masked.positions().indexOf(p) < 0 -> token
            masked.inputIds()[p] == tokens.maskId() -> "[MASK]"
            masked.inputIds()[p] == sequence.ids()[p] -> "«$token»"
            else -> "{$token}"
        }
    }
    return "%-11s epoch %d: %s".format(name, epoch + 1, shown.joinToString(" "))
}

/**
 * How the selectively masked stage [stage] (e.g. `domain-transfer`) of [run] masked its first [sequences] training
 * sequences in epochs 1 to [epochs]: the marks its tagger made (kept beside the snapshot) and the stage's own
 * packing, rule and seed, drawn as [maskedSentences] draws the other policies.
 */
fun selectiveMasks(run: Run, stage: String, sequences: Int = 2, epochs: Int = 2): String {
    val outcome = run.result.stage(stage)
    val marks = Path.of(outcome.snapshot, MlmStage.SELECTIVE_MARKS)
    val spec = run.spec.stages[outcome.stage.substringBefore('-').toInt() - 1] as? MaskedLmStageSpec
    require(spec != null && Files.isRegularFile(marks)) { "stage ${outcome.stage} of ${run.dir} was not masked selectively" }
    val snapshot = ModelStore.load(outcome.snapshot, run.cacheDir)
    val tokenizer = BertTokenizer.fromVocabFile(snapshot.vocab(), snapshot.lowerCase())
    val corpus = spec.corpus?.let { Corpora.open(it) }
        ?: DataSources.open(run.spec.data.source, CacheRoot.of(run.cacheDir)).let { Corpora.trainText(it, it.name()) }
    val packed = SequencePacker.pack(corpus.split(spec.heldOutFraction).train(), tokenizer,
        minOf(spec.maxSequenceLength, snapshot.config().maxPositionEmbeddings()), spec.documents)
    val policy = SelectiveMasking(MaskRule(spec.maskRate, spec.toMask, spec.toRandom), marks.toString())
    val tokens = MaskTokens(tokenizer.maskId(), tokenizer.vocab().size())
    val lines = mutableListOf(LEGEND)
    for (sequence in packed.take(sequences)) {
        lines += ""
        lines += "text:  " + tokenizer.decode(sequence.ids())
        for (epoch in 0 until epochs) {
            lines += maskedLine(policy.name(), epoch, policy.mask(sequence, epoch, 0, spec.seed, tokens), sequence,
                tokenizer, tokens)
        }
    }
    return lines.joinToString("\n")
}

/**
 * The downstream probe's dev accuracy at every evaluation of the masked-LM stage [stage] of each run (a recipe
 * ending in fine-tuning scores one; docs/pretraining.md, "When to stop"), one line per run label.
 */
fun downstreamProbeCurves(runs: Map<String, Run>, stage: String, title: String = "downstream probe: $stage"): Figure =
    scoreByStep(
        runs.map { (label, run) ->
            val scored = run.result.stage(stage).training.evaluations.filter { it.downstreamDevAccuracy != null }
            require(scored.isNotEmpty()) {
                "stage $stage of run '$label' scored no downstream probe: its recipe does not end in fine-tuning"
            }
            StepScores(label, scored.map { it.step }, scored.map { it.downstreamDevAccuracy!! })
        },
        title, "probe dev accuracy (last layer)",
    )

/**
 * The masked-LM stage named [stage] (e.g. `domain-transfer`) of each run, one colour per run label: training
 * loss per step and held-out loss at every evaluation, so mask policies or recipes can be compared.
 */
fun maskedLmCurves(runs: Map<String, Run>, stage: String, title: String = "masked-LM loss: $stage"): Figure =
    trainingCurves(
        runs.map { (label, run) ->
            val t = run.result.stage(stage).training
            StageCurves(label, t.losses.map { it.step }, t.losses.map { it.loss }, t.evaluations.map { it.step },
                t.evaluations.map { it.devLoss })
        },
        title,
    )
