package org.probelab.train;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.probelab.model.BertModel;
import org.probelab.model.WeightTensor;
import org.probelab.probe.LabelSet;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Optimizer steps and dev evaluations of a task head on a BERT (the graph of {@link FineTuneGraph}):
 * what {@link FineTuneStage} runs in its loop, and what the training-step benchmark times.
 */
public final class HeadTrainer {
    /** The head's initial weights: BERT's initializer range, a truncated normal as in {@code modeling.py}. */
    private static final float HEAD_INIT_STD = 0.02f;

    /** The mean loss of a step's batch and the global gradient norm before clipping. */
    public record StepOutcome(double loss, double gradientNorm) {
    }

    /** Mean loss over rows whose label training has seen; accuracy over all rows (unseen ones count as errors). */
    public record DevScore(double loss, double accuracy) {
    }

    private final FineTuneGraph graph;
    private final Session session;
    private final FineTuneSettings settings;
    private final int padId;
    private final float[][] teacherLogits;

    /**
     * Builds the head and optimizer on {@code model} and initialises the head from the settings' seed.
     *
     * @param model a model built with switchable dropout
     * @param padId the tokenizer's [PAD] id
     */
    public HeadTrainer(BertModel model, HeadKind kind, int classes, FineTuneSettings settings, int padId) {
        this(model, kind, classes, settings, padId, null, null);
    }

    /**
     * A trainer whose loss mixes in a teacher's softened logits ({@link SelfDistillStage}).
     *
     * @param distillation  null for plain fine-tuning
     * @param teacherLogits per training example, the teacher's logits of its rows; null when not distilling
     */
    HeadTrainer(BertModel model, HeadKind kind, int classes, FineTuneSettings settings, int padId,
                Distillation distillation, float[][] teacherLogits) {
        this.graph = new FineTuneGraph(model, kind, classes, settings, distillation, true);
        this.session = model.session();
        this.settings = settings;
        this.padId = padId;
        this.teacherLogits = teacherLogits;
        new VariableValues(session, Ops.create(graph.bert.inputIds().env()), graph.headVariables)
                .write(initialHead(graph, settings.seed()), "the head's initialisation");
    }

    /** Kernel ~ truncated normal (std {@value #HEAD_INIT_STD}, cut at 2 std), bias 0, from the stage's seed. */
    private static Map<String, WeightTensor> initialHead(FineTuneGraph graph, long seed) {
        Random random = new Random(seed);
        Map<String, WeightTensor> head = new LinkedHashMap<>();
        for (var e : graph.headVariables.entrySet()) {
            long[] shape = e.getValue().shape().asArray();
            float[] values = new float[Math.toIntExact(e.getValue().shape().size())];
            if (e.getKey().endsWith("kernel")) {
                for (int i = 0; i < values.length; i++) {
                    double v;
                    do {
                        v = random.nextGaussian();
                    } while (Math.abs(v) > 2);
                    values[i] = (float) v * HEAD_INIT_STD;
                }
            }
            head.put(e.getKey(), new WeightTensor(e.getKey(), shape, FloatBuffer.wrap(values)));
        }
        return head;
    }


    FineTuneGraph graph() {
        return graph;
    }

    /** The optimizer's parameter groups. */
    public List<ParameterGroup> groups() {
        return graph.groups;
    }

    /**
     * One optimizer step on the examples {@code batch} of {@code examples} at {@code rate}: one pass, or
     * several passes within the token budget whose gradients are summed first.
     *
     * @param dropoutSeed fixes the step's dropout masks (each pass adds its index)
     */
    public StepOutcome step(List<TrainingExample> examples, int[] batch, float rate, long dropoutSeed) {
        List<int[]> passes = BatchPlan.microBatches(examples, batch, settings.microBatchTokens());
        int rows = 0;
        for (int m : batch) {
            rows += examples.get(m).rows();
        }
        float rowWeight = 1f / rows;
        GradientUpdates.Outcome out = graph.updates.step(session, passes.size(), p -> {
            HeadBatch inputs = new HeadBatch(examples, passes.get(p), graph.kind, settings.wordPooling(), padId,
                    rowWeight, teacherLogits);
            return new GradientUpdates.Pass(inputs.feed(session, graph), inputs::close);
        }, rate, dropoutSeed);
        return new StepOutcome(out.loss(), out.gradientNorm());
    }

    /** The head's loss and accuracy on {@code examples}, without dropout, in length order within the token budget. */
    public DevScore evaluate(List<TrainingExample> examples) {
        int[] all = new int[examples.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        long correct = 0;
        long rows = 0;
        double lossSum = 0;
        long seen = 0;
        for (int[] members : BatchPlan.microBatches(examples, all, settings.microBatchTokens())) {
            try (HeadBatch batch = new HeadBatch(examples, members, graph.kind, settings.wordPooling(), padId, 1f);
                 Result r = batch.feed(session, graph).fetch(graph.predictions).fetch(graph.rowLosses).run()) {
                long[] predicted = new long[batch.rows];
                float[] losses = new float[batch.rows];
                ((TInt64) r.get(0)).asRawTensor().data().asLongs().read(predicted);
                ((TFloat32) r.get(1)).asRawTensor().data().asFloats().read(losses);
                for (int i = 0; i < batch.rows; i++) {
                    rows++;
                    if (batch.labels[i] != LabelSet.UNSEEN) {
                        seen++;
                        lossSum += losses[i];
                        correct += predicted[i] == batch.labels[i] ? 1 : 0;
                    }
                }
            }
        }
        return new DevScore(seen == 0 ? 0 : lossSum / seen, rows == 0 ? 0 : (double) correct / rows);
    }
}
