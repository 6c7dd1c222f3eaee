package org.probelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.data.Dataset;
import org.probelab.model.BertGraph;
import org.probelab.model.BertModel;
import org.probelab.model.DeviceOptions;
import org.probelab.model.PretrainedModel;
import org.probelab.model.WeightTensor;
import org.tensorflow.op.Ops;
import org.probelab.probe.LabelSet;
import org.probelab.represent.Task;
import org.probelab.text.BertTokenizer;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/** The distillation loss the graph computes, read back and recomputed by hand for given T and α. */
class DistillationLossTest {
    @TempDir
    Path dir;

    @Test
    void theGraphsLossIsAlphaTSquaredKlPlusTheWeightedGoldCrossEntropy() throws IOException {
        double[] t1 = lossesReadBack(new Distillation(1f, 0.7f));
        double[] t4 = lossesReadBack(new Distillation(4f, 0.7f));
        assertNotEquals(t1[0], t4[0], 1e-3, "the temperature changes the loss");
        lossesReadBack(new Distillation(2f, 0f));
        lossesReadBack(new Distillation(2f, 1f));
    }

    /** Asserts the per-row training losses equal the formula; returns the graph's losses. */
    private double[] lossesReadBack(Distillation distillation) throws IOException {
        PretrainedModel model = SyntheticTask.model(dir.resolve("model"), SyntheticTask.config(), 3);
        Dataset data = SyntheticTask.data(6, 1, 5);
        Task pos = Task.named("pos");
        LabelSet labels = LabelSet.ofTraining(TrainingExamples.labels(data.train(), pos));
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(model.vocab(), true);
        var examples = TrainingExamples.of(data.train(), pos, tokenizer, labels, 128).examples();
        int classes = labels.size();
        Random random = new Random(11);
        float[][] teacher = new float[examples.size()][];
        for (int i = 0; i < teacher.length; i++) {
            teacher[i] = new float[examples.get(i).rows() * classes];
            for (int k = 0; k < teacher[i].length; k++) {
                teacher[i][k] = (float) (3 * random.nextGaussian());
            }
        }
        int[] members = {0, 1, 2, 3, 4, 5};
        try (BertModel bert = BertModel.create(model.config(), model.weights(), DeviceOptions.cpu().withThreads(1, 1),
                BertGraph.Dropout.SWITCHABLE)) {
            FineTuneGraph graph = new FineTuneGraph(bert, HeadKind.TOKEN, classes, FineTuneSettings.DEFAULTS,
                    distillation, true);
            Map<String, WeightTensor> head = new LinkedHashMap<>();
            for (var e : graph.headVariables.entrySet()) {
                float[] values = new float[Math.toIntExact(e.getValue().shape().size())];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                head.put(e.getKey(), new WeightTensor(e.getKey(), e.getValue().shape().asArray(),
                        FloatBuffer.wrap(values)));
            }
            new VariableValues(bert.session(), Ops.create(graph.bert.inputIds().env()), graph.headVariables)
                    .write(head, "a random head");
            try (HeadBatch batch = new HeadBatch(examples, members, HeadKind.TOKEN,
                    FineTuneSettings.DEFAULTS.wordPooling(), tokenizer.padId(), 1f, teacher);
                 Result r = batch.feed(bert.session(), graph).fetch(graph.logits).fetch(graph.trainingRowLosses)
                         .run()) {
                float[] student = new float[batch.rows * classes];
                float[] losses = new float[batch.rows];
                ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(student);
                ((TFloat32) r.get(1)).asRawTensor().data().asFloats().read(losses);
                float[] teacherRows = new float[batch.rows * classes];
                int at = 0;
                for (int m : members) {
                    System.arraycopy(teacher[m], 0, teacherRows, at, teacher[m].length);
                    at += teacher[m].length;
                }
                double[] out = new double[batch.rows];
                for (int row = 0; row < batch.rows; row++) {
                    double expected = expected(distillation, teacherRows, student, row, classes, batch.labels[row]);
                    assertEquals(expected, losses[row], 1e-4 * Math.max(1, expected), "row " + row);
                    out[row] = losses[row];
                }
                return out;
            }
        }
    }

    private static double expected(Distillation d, float[] teacher, float[] student, int row, int classes, int gold) {
        double t = d.temperature();
        double[] p = softmax(teacher, row, classes, t);
        double[] q = softmax(student, row, classes, t);
        double kl = 0;
        for (int c = 0; c < classes; c++) {
            kl += p[c] * (Math.log(p[c]) - Math.log(q[c]));
        }
        double crossEntropy = -Math.log(softmax(student, row, classes, 1)[gold]);
        return d.alpha() * t * t * kl + (1 - d.alpha()) * crossEntropy;
    }

    private static double[] softmax(float[] logits, int row, int classes, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[row * classes + c] / t);
        }
        double[] out = new double[classes];
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            out[c] = Math.exp(logits[row * classes + c] / t - max);
            sum += out[c];
        }
        for (int c = 0; c < classes; c++) {
            out[c] /= sum;
        }
        return out;
    }
}
