package org.probelab.train;

import java.util.ArrayList;
import java.util.List;
import org.probelab.probe.LabelSet;
import org.probelab.represent.WordPooling;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The feeds of one forward pass over some examples: padded ids and mask, the pooling matrices of the
 * head (see {@link FineTuneGraph}), labels and row weights. Unseen labels (dev/test only) are fed as
 * class 0 with weight 0: they count as errors in accuracy and not at all in the loss. A distilling
 * student's batch also carries its teacher's logits, row for row.
 */
final class HeadBatch implements AutoCloseable {
    final int rows;
    final int[] labels;
    private final List<Tensor> tensors = new ArrayList<>();
    private final TInt32 ids;
    private final TInt32 mask;
    private final TFloat32 poolFirst;
    private final TFloat32 poolSecond;
    private final TInt32 labelTensor;
    private final TFloat32 weights;
    private final TFloat32 teacher;

    /**
     * @param rowWeight the weight of each seen row in the loss (1 / rows of the whole optimizer step)
     */
    HeadBatch(List<TrainingExample> examples, int[] members, HeadKind kind, WordPooling pooling, int padId,
              float rowWeight) {
        this(examples, members, kind, pooling, padId, rowWeight, null);
    }

    /**
     * @param teacherLogits per example, the teacher's logits of its rows ({@code rows * classes}, row-major);
     *                      null when not distilling
     */
    HeadBatch(List<TrainingExample> examples, int[] members, HeadKind kind, WordPooling pooling, int padId,
              float rowWeight, float[][] teacherLogits) {
        int b = members.length;
        int seq = 0;
        int totalRows = 0;
        for (int m : members) {
            seq = Math.max(seq, examples.get(m).length());
            totalRows += examples.get(m).rows();
        }
        rows = totalRows;
        int[] idValues = new int[b * seq];
        int[] maskValues = new int[b * seq];
        java.util.Arrays.fill(idValues, padId);
        boolean sentence = kind.sentenceFeature() != null;
        int poolRows = sentence ? b : rows;
        float[] first = new float[needsFirst(kind) ? poolRows * b * seq : 0];
        float[] second = new float[kind == HeadKind.EDGE ? rows * b * seq : 0];
        labels = new int[rows];
        float[] weightValues = new float[rows];
        int r = 0;
        for (int i = 0; i < b; i++) {
            TrainingExample example = examples.get(members[i]);
            System.arraycopy(example.ids(), 0, idValues, i * seq, example.length());
            java.util.Arrays.fill(maskValues, i * seq, i * seq + example.length(), 1);
            int offset = i * seq;
            if (kind == HeadKind.SENTENCE_MEAN) {
                // The real subwords: everything between [CLS] and [SEP].
                spread(first, i, b * seq, offset + 1, offset + example.length() - 1, WordPooling.MEAN);
            }
            for (int row = 0; row < example.rows(); row++, r++) {
                int[] span = example.spans()[row];
                if (kind == HeadKind.TOKEN || kind == HeadKind.EDGE) {
                    spread(first, r, b * seq, offset + span[0], offset + span[1], pooling);
                }
                if (kind == HeadKind.EDGE) {
                    spread(second, r, b * seq, offset + span[2], offset + span[3], pooling);
                }
                int label = example.labels()[row];
                labels[r] = label;
                weightValues[r] = label == LabelSet.UNSEEN ? 0f : rowWeight;
            }
        }
        int[] fedLabels = labels.clone();
        for (int i = 0; i < fedLabels.length; i++) {
            fedLabels[i] = Math.max(0, fedLabels[i]);
        }
        ids = keep(TInt32.tensorOf(Shape.of(b, seq), DataBuffers.of(idValues, true, false)));
        mask = keep(TInt32.tensorOf(Shape.of(b, seq), DataBuffers.of(maskValues, true, false)));
        poolFirst = needsFirst(kind)
                ? keep(TFloat32.tensorOf(Shape.of(poolRows, (long) b * seq), DataBuffers.of(first, true, false)))
                : null;
        poolSecond = kind == HeadKind.EDGE
                ? keep(TFloat32.tensorOf(Shape.of(rows, (long) b * seq), DataBuffers.of(second, true, false)))
                : null;
        labelTensor = keep(TInt32.tensorOf(Shape.of(rows), DataBuffers.of(fedLabels, true, false)));
        weights = keep(TFloat32.tensorOf(Shape.of(rows), DataBuffers.of(weightValues, true, false)));
        teacher = teacherLogits == null ? null : keep(teacherTensor(teacherLogits, members, rows));
    }

    private static TFloat32 teacherTensor(float[][] teacherLogits, int[] members, int rows) {
        int total = 0;
        for (int m : members) {
            total += teacherLogits[m].length;
        }
        float[] values = new float[total];
        int at = 0;
        for (int m : members) {
            System.arraycopy(teacherLogits[m], 0, values, at, teacherLogits[m].length);
            at += teacherLogits[m].length;
        }
        return TFloat32.tensorOf(Shape.of(rows, total / rows), DataBuffers.of(values, true, false));
    }

    private static boolean needsFirst(HeadKind kind) {
        return kind == HeadKind.TOKEN || kind == HeadKind.EDGE || kind == HeadKind.SENTENCE_MEAN;
    }

    /** Sets row {@code row} of a [rows, width] matrix to pool positions {@code [from, to)}. */
    private static void spread(float[] matrix, int row, int width, int from, int to, WordPooling pooling) {
        long base = (long) row * width;
        if (pooling == WordPooling.FIRST) {
            matrix[(int) (base + from)] = 1f;
            return;
        }
        float share = 1f / (to - from);
        for (int p = from; p < to; p++) {
            matrix[(int) (base + p)] = share;
        }
    }

    private <T extends Tensor> T keep(T tensor) {
        tensors.add(tensor);
        return tensor;
    }

    /** A runner of {@code session} with every feed of this pass; {@code training} decides dropout. */
    Session.Runner feed(Session session, FineTuneGraph graph) {
        Session.Runner runner = session.runner()
                .feed(graph.bert.inputIds(), ids)
                .feed(graph.bert.inputMask(), mask)
                .feed(graph.labels, labelTensor)
                .feed(graph.rowWeights, weights);
        if (poolFirst != null) {
            runner.feed(graph.poolFirst, poolFirst);
        }
        if (poolSecond != null) {
            runner.feed(graph.poolSecond, poolSecond);
        }
        if (teacher != null) {
            runner.feed(graph.teacherLogits, teacher);
        }
        return runner;
    }

    @Override
    public void close() {
        tensors.forEach(Tensor::close);
    }
}
