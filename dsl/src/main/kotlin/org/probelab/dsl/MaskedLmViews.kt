package org.probelab.dsl

import org.probelab.data.corpus.Corpora
import org.probelab.dsl.plots.Figure
import org.probelab.dsl.plots.StageCurves
import org.probelab.dsl.plots.trainingCurves
import org.probelab.model.ModelStore
import org.probelab.text.BertTokenizer
import org.probelab.train.mlm.MaskRule
import org.probelab.train.mlm.MaskTokens
import org.probelab.train.mlm.SequencePacker

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
    val lines = mutableListOf("[MASK] = replaced by [MASK], {w} = replaced by the random token w, «w» = chosen, left as w")
    for (sequence in packed) {
        lines += ""
        lines += "text:  " + tokenizer.decode(sequence.ids())
        for (policy in policies) {
            for (epoch in 0 until epochs) {
                val masked = policy.toPolicy(MaskRule.BERT).mask(sequence, epoch, 0, seed, tokens)
                val shown = sequence.ids().indices.map { p ->
                    val k = masked.positions().indexOf(p)
                    val token = tokenizer.vocab().token(masked.inputIds()[p])
                    when {
                        k < 0 -> token
                        masked.inputIds()[p] == tokens.maskId() -> "[MASK]"
                        masked.inputIds()[p] == sequence.ids()[p] -> "«$token»"
                        else -> "{$token}"
                    }
                }
                lines += "%-11s epoch %d: %s".format(policy.name, epoch + 1, shown.joinToString(" "))
            }
        }
    }
    return lines.joinToString("\n")
}

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
