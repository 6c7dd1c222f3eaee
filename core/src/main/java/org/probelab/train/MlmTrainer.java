package org.probelab.train;

import java.util.ArrayList;
import java.util.List;
import org.probelab.model.BertModel;
import org.probelab.train.mlm.MaskedSequence;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Optimizer steps and held-out evaluations of the masked-LM objective on a BERT (the graph of
 * {@link MlmGraph}): what {@link MlmStage} runs in its loop, and what the masked-LM step benchmark times.
 */
public final class MlmTrainer {
    /** The mean loss over a step's masked positions and the global gradient norm before clipping. */
    public record StepOutcome(double loss, double gradientNorm) {
    }

    /** Mean cross-entropy over the masked positions and the share predicted right. */
    public record HeldOutScore(double loss, double accuracy) {
        public double perplexity() {
            return Math.exp(loss);
        }
    }

    private final MlmGraph graph;
    private final Session session;
    private final MlmSettings settings;
    private final int padId;

    /**
     * @param model a model built with switchable dropout
     * @param padId the tokenizer's [PAD] id
     */
    public MlmTrainer(BertModel model, MlmSettings settings, int padId) {
        this.graph = new MlmGraph(model, settings);
        this.session = model.session();
        this.settings = settings;
        this.padId = padId;
    }

    MlmGraph graph() {
        return graph;
    }

    /**
     * One optimizer step on {@code batch} (the whole batch's mean loss), split into passes within the settings'
     * token budget whose gradients are summed before the update.
     *
     * @param seed the dropout seed; pass p of the step uses {@code seed + p}
     */
    public StepOutcome step(List<MaskedSequence> batch, float rate, long seed) {
        int rows = batch.stream().mapToInt(m -> m.positions().length).sum();
        float rowWeight = 1f / rows;
        List<int[]> passes = BatchPlan.microBatches(lengths(batch), indices(batch.size()),
                settings.microBatchTokens());
        GradientUpdates.Outcome out = graph.updates.step(session, passes.size(), p -> {
            MlmBatch inputs = new MlmBatch(passes.size() == 1 ? batch : members(batch, passes.get(p)), padId,
                    rowWeight);
            return new GradientUpdates.Pass(inputs.feed(session, graph), inputs::close);
        }, rate, seed);
        return new StepOutcome(out.loss(), out.gradientNorm());
    }

    /** Loss and accuracy over the masked positions of {@code sequences}, without dropout. */
    public HeldOutScore evaluate(List<MaskedSequence> sequences) {
        double lossSum = 0;
        long correct = 0;
        long rows = 0;
        for (int[] pass : BatchPlan.microBatches(lengths(sequences), indices(sequences.size()),
                settings.microBatchTokens())) {
            try (MlmBatch batch = new MlmBatch(members(sequences, pass), padId, 1f);
                 Result r = batch.feed(session, graph).fetch(graph.predictions).fetch(graph.rowLosses).run()) {
                long[] predicted = new long[batch.rows];
                float[] losses = new float[batch.rows];
                ((TInt64) r.get(0)).asRawTensor().data().asLongs().read(predicted);
                ((TFloat32) r.get(1)).asRawTensor().data().asFloats().read(losses);
                for (int i = 0; i < batch.rows; i++) {
                    lossSum += losses[i];
                    correct += predicted[i] == batch.targets[i] ? 1 : 0;
                }
                rows += batch.rows;
            }
        }
        return new HeldOutScore(lossSum / rows, (double) correct / rows);
    }

    private static int[] lengths(List<MaskedSequence> sequences) {
        return sequences.stream().mapToInt(m -> m.inputIds().length).toArray();
    }

    private static int[] indices(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    private static List<MaskedSequence> members(List<MaskedSequence> all, int[] chosen) {
        List<MaskedSequence> out = new ArrayList<>(chosen.length);
        for (int i : chosen) {
            out.add(all.get(i));
        }
        return out;
    }
}
