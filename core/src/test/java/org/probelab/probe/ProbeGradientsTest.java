package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

class ProbeGradientsTest {
    private static final int MEMBERS = 3;
    private static final int BATCH = 7;
    private static final List<Integer> WIDTHS = List.of(5, 4, 6, 3);
    private static final float[] L2 = {0f, 1e-2f, 0.5f};

    /** The written-out backward pass against TensorFlow's symbolic gradients of the same loss. */
    private static void assertMatchesSymbolicGradients(int inputBlocks) {
        Random random = new Random(inputBlocks);
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> x = tf.constant(Shape.of(inputBlocks, BATCH, WIDTHS.get(0)),
                    DataBuffers.of(gaussian(random, inputBlocks * BATCH * WIDTHS.get(0))));
            List<Operand<TFloat32>> kernels = new ArrayList<>();
            List<Operand<TFloat32>> biases = new ArrayList<>();
            for (int layer = 0; layer < WIDTHS.size() - 1; layer++) {
                int in = WIDTHS.get(layer);
                int out = WIDTHS.get(layer + 1);
                kernels.add(tf.constant(Shape.of(MEMBERS, in, out), DataBuffers.of(gaussian(random, MEMBERS * in * out))));
                biases.add(tf.constant(Shape.of(MEMBERS, 1, out), DataBuffers.of(gaussian(random, MEMBERS * out))));
            }
            int labels = WIDTHS.get(WIDTHS.size() - 1);
            int[] gold = new int[MEMBERS * BATCH];
            for (int i = 0; i < gold.length; i++) {
                gold[i] = random.nextInt(labels);
            }
            Operand<TFloat32> oneHot = tf.oneHot(tf.constant(Shape.of(MEMBERS, BATCH), DataBuffers.of(gold, true, false)),
                    tf.constant(labels), tf.constant(1f), tf.constant(0f));

            ProbeNetwork.Forward forward = ProbeNetwork.forward(tf, x, kernels, biases);
            ProbeGradients written = ProbeGradients.of(tf, forward, kernels, oneHot, L2);

            // The same loss built plainly: sum over probes of mean cross-entropy + l2 * squared kernel norms.
            Operand<TFloat32> crossEntropy = tf.nn.softmaxCrossEntropyWithLogits(
                    tf.reshape(forward.logits(), tf.constant(new int[] {-1, labels})),
                    tf.reshape(oneHot, tf.constant(new int[] {-1, labels}))).loss();
            Operand<TFloat32> total = tf.math.div(tf.reduceSum(crossEntropy, tf.constant(0)), tf.constant((float) BATCH));
            for (Operand<TFloat32> kernel : kernels) {
                Operand<TFloat32> norms = tf.reduceSum(tf.math.square(kernel), tf.constant(new int[] {1, 2}));
                total = tf.math.add(total, tf.reduceSum(tf.math.mul(tf.constant(L2), norms), tf.constant(0)));
            }
            List<Operand<TFloat32>> parameters = new ArrayList<>(kernels);
            parameters.addAll(biases);
            Gradients symbolic = tf.gradients(total, parameters);

            Session.Runner runner = session.runner();
            written.gradients().forEach(runner::fetch);
            for (int p = 0; p < parameters.size(); p++) {
                runner.fetch(symbolic.dy(p));
            }
            try (Result result = runner.run()) {
                for (int p = 0; p < parameters.size(); p++) {
                    float[] mine = values((TFloat32) result.get(p));
                    float[] theirs = values((TFloat32) result.get(parameters.size() + p));
                    assertEquals(theirs.length, mine.length, "parameter " + p);
                    for (int i = 0; i < mine.length; i++) {
                        assertEquals(theirs[i], mine[i], 1e-5 + 1e-4 * Math.abs(theirs[i]), "parameter " + p + " [" + i + "]");
                    }
                }
            }
        }
    }

    @Test
    void gradientsMatchTensorFlowsWhenEveryProbeReadsItsOwnRows() {
        assertMatchesSymbolicGradients(MEMBERS);
    }

    @Test
    void gradientsMatchTensorFlowsWhenAllProbesShareOneBlockOfRows() {
        assertMatchesSymbolicGradients(1);
    }

    private static float[] gaussian(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static float[] values(TFloat32 tensor) {
        float[] values = new float[(int) tensor.shape().size()];
        tensor.copyTo(DataBuffers.of(values, false, false));
        return values;
    }
}
