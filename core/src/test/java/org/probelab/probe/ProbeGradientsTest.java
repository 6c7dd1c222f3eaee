package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /**
     * The written-out backward pass against TensorFlow's symbolic gradients of the same loss; with
     * {@code wide}, the probes share one block of rows and their first layer is a {@link WideFirstLayer}.
     */
    private static void assertMatchesSymbolicGradients(int inputBlocks, boolean wide) {
        Random random = new Random(inputBlocks);
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> x = tf.constant(Shape.of(inputBlocks, BATCH, WIDTHS.get(0)),
                    DataBuffers.of(gaussian(random, inputBlocks * BATCH * WIDTHS.get(0))));
            List<Operand<TFloat32>> kernels = new ArrayList<>();
            List<Operand<TFloat32>> biases = new ArrayList<>();
            List<float[]> kernelValues = new ArrayList<>();
            List<float[]> biasValues = new ArrayList<>();
            for (int layer = 0; layer < WIDTHS.size() - 1; layer++) {
                int in = WIDTHS.get(layer);
                int out = WIDTHS.get(layer + 1);
                kernelValues.add(gaussian(random, MEMBERS * in * out));
                biasValues.add(gaussian(random, MEMBERS * out));
                kernels.add(tf.constant(Shape.of(MEMBERS, in, out), DataBuffers.of(kernelValues.get(layer))));
                biases.add(tf.constant(Shape.of(MEMBERS, 1, out), DataBuffers.of(biasValues.get(layer))));
            }
            int labels = WIDTHS.get(WIDTHS.size() - 1);
            int[] gold = new int[MEMBERS * BATCH];
            for (int i = 0; i < gold.length; i++) {
                gold[i] = random.nextInt(labels);
            }
            Operand<TFloat32> oneHot = tf.oneHot(tf.constant(Shape.of(MEMBERS, BATCH), DataBuffers.of(gold, true, false)),
                    tf.constant(labels), tf.constant(1f), tf.constant(0f));

            ProbeNetwork.Forward forward = ProbeNetwork.forward(tf, x, kernels, biases);
            List<Operand<TFloat32>> written = wide ? wideGradients(tf, x, kernelValues, biasValues, kernels, biases,
                    oneHot) : ProbeGradients.of(tf, forward, kernels, oneHot, L2).gradients();

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
            written.forEach(runner::fetch);
            for (int p = 0; p < parameters.size(); p++) {
                runner.fetch(symbolic.dy(p));
            }
            try (Result result = runner.run()) {
                for (int p = 0; p < parameters.size(); p++) {
                    float[] mine = values((TFloat32) result.get(p));
                    if (wide && p == 0) {
                        mine = WideFirstLayer.toPerProbe(mine, MEMBERS, WIDTHS.get(0), WIDTHS.get(1));
                    }
                    float[] theirs = values((TFloat32) result.get(parameters.size() + p));
                    assertEquals(theirs.length, mine.length, "parameter " + p);
                    for (int i = 0; i < mine.length; i++) {
                        assertEquals(theirs[i], mine[i], 1e-5 + 1e-4 * Math.abs(theirs[i]), "parameter " + p + " [" + i + "]");
                    }
                }
            }
        }
    }

    /**
     * The gradients, in parameter order, of the same probes with their first layer as one wide product over
     * the shared rows {@code x} ({@code [1, B, in]}); the first kernel's in the wide layout, its bias's in
     * the per-probe one (the two are the same for a bias).
     */
    private static List<Operand<TFloat32>> wideGradients(Ops tf, Operand<TFloat32> x, List<float[]> kernelValues,
                                                         List<float[]> biasValues, List<Operand<TFloat32>> kernels,
                                                         List<Operand<TFloat32>> biases, Operand<TFloat32> oneHot) {
        int in = WIDTHS.get(0);
        int out = WIDTHS.get(1);
        Operand<TFloat32> rows = tf.reshape(x, tf.constant(new int[] {BATCH, in}));
        Operand<TFloat32> kernel = tf.constant(WideFirstLayer.kernelShape(MEMBERS, in, out),
                DataBuffers.of(WideFirstLayer.toWide(kernelValues.get(0), MEMBERS, in, out)));
        Operand<TFloat32> bias = tf.constant(WideFirstLayer.biasShape(MEMBERS, out), DataBuffers.of(biasValues.get(0)));
        Operand<TFloat32> hidden = WideFirstLayer.forward(tf, rows, kernel, bias, MEMBERS, out);
        int layers = kernels.size();
        ProbeNetwork.Forward rest = ProbeNetwork.forward(tf, hidden, kernels.subList(1, layers),
                biases.subList(1, layers));
        ProbeGradients restGradients = ProbeGradients.of(tf, rest, kernels.subList(1, layers), oneHot, L2);
        List<Operand<TFloat32>> first = WideFirstLayer.gradients(tf, rows, hidden, restGradients.input(), kernel, L2,
                out);
        List<Operand<TFloat32>> gradients = new ArrayList<>();
        gradients.add(first.get(0));
        gradients.addAll(restGradients.gradients().subList(0, layers - 1));
        gradients.add(tf.reshape(first.get(1), tf.constant(new int[] {MEMBERS, 1, out})));
        gradients.addAll(restGradients.gradients().subList(layers - 1, 2 * (layers - 1)));
        return gradients;
    }

    @Test
    void gradientsMatchTensorFlowsWhenEveryProbeReadsItsOwnRows() {
        assertMatchesSymbolicGradients(MEMBERS, false);
    }

    @Test
    void gradientsMatchTensorFlowsWhenAllProbesShareOneBlockOfRows() {
        assertMatchesSymbolicGradients(1, false);
    }

    @Test
    void gradientsMatchTensorFlowsWhenTheFirstLayerIsOneWideProduct() {
        assertMatchesSymbolicGradients(1, true);
    }

    @Test
    void aWideKernelHoldsEachProbesKernelInItsOwnColumns() {
        int in = 2;
        int out = 3;
        float[] perProbe = new float[2 * in * out];
        for (int i = 0; i < perProbe.length; i++) {
            perProbe[i] = i;
        }
        // Probe 0's kernel is [[0 1 2] [3 4 5]], probe 1's [[6 7 8] [9 10 11]]: side by side, row by row.
        float[] wide = WideFirstLayer.toWide(perProbe, 2, in, out);
        assertArrayEquals(new float[] {0, 1, 2, 6, 7, 8, 3, 4, 5, 9, 10, 11}, wide);
        assertArrayEquals(perProbe, WideFirstLayer.toPerProbe(wide, 2, in, out));
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
