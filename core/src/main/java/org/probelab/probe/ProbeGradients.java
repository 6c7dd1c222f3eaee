package org.probelab.probe;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.nn.ReluGrad;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Each probe's loss and its gradients for a batch, the backward pass of {@link ProbeNetwork} written out
 * rather than left to TensorFlow's symbolic gradients: the products of the backward pass then are the
 * same oneDNN kernels as the forward's (the symbolic gradient of a batched product is a
 * {@code BatchMatMulV3}, which runs on a generic kernel), and the L2 term's gradient, {@code 2 l2 W}, is
 * added to each kernel's directly instead of through a squared-norm sum computed at every step.
 *
 * @param losses    {@code [M]}: each probe's mean cross-entropy over the batch (without the L2 term, which
 *                  only steers the gradients; the loss serves to catch a diverging probe)
 * @param gradients of each probe's mean cross-entropy plus its L2 weight times its squared kernel norms, for
 *                  every kernel, then every bias ({@code [M, ...]} as the parameters)
 */
record ProbeGradients(Operand<TFloat32> losses, List<Operand<TFloat32>> gradients) {

    /**
     * @param gold one-hot labels {@code [M, B, labels]}
     * @param l2   one L2 weight per probe
     */
    static ProbeGradients of(Ops tf, ProbeNetwork.Forward forward, List<? extends Operand<TFloat32>> kernels,
                             Operand<TFloat32> gold, float[] l2) {
        int members = l2.length;
        Operand<TFloat32> logits = forward.logits();
        int labels = (int) kernels.get(kernels.size() - 1).shape().size(2);
        Operand<TInt32> flat = tf.constant(new int[] {-1, labels});
        var crossEntropy = tf.nn.softmaxCrossEntropyWithLogits(tf.reshape(logits, flat), tf.reshape(gold, flat));
        Operand<TFloat32> losses = tf.math.mean(
                tf.reshape(crossEntropy.loss(), tf.constant(new int[] {members, -1})), tf.constant(1));
        // d(mean cross-entropy)/d(logits) = (softmax - gold) / B, which the op returns undivided.
        Operand<TFloat32> batch = tf.dtypes.cast(tf.gather(tf.shape(logits), tf.constant(1), tf.constant(0)),
                TFloat32.class);
        Operand<TFloat32> upstream = tf.math.div(tf.reshape(crossEntropy.backprop(), tf.shape(logits)), batch);
        Operand<TFloat32> twiceL2 = tf.constant(twice(l2));

        int layers = kernels.size();
        List<Operand<TFloat32>> kernelGradients = new ArrayList<>();
        List<Operand<TFloat32>> biasGradients = new ArrayList<>();
        for (int layer = layers - 1; layer >= 0; layer--) {
            Operand<TFloat32> kernel = kernels.get(layer);
            Operand<TFloat32> input = forward.inputs().get(layer);
            kernelGradients.add(0, tf.math.add(ProbeNetwork.product(tf, input, upstream, true, false),
                    tf.math.mul(twiceL2, kernel)));
            biasGradients.add(0, tf.reduceSum(upstream, tf.constant(1), ReduceSum.keepDims(true)));
            if (layer > 0) {
                Operand<TFloat32> throughKernel = ProbeNetwork.product(tf, upstream, kernel, false, true);
                upstream = ReluGrad.create(tf.scope(), throughKernel, forward.preActivations().get(layer - 1));
            }
        }
        List<Operand<TFloat32>> gradients = new ArrayList<>(kernelGradients);
        gradients.addAll(biasGradients);
        return new ProbeGradients(losses, gradients);
    }

    /** {@code 2 l2} per probe, shaped {@code [M, 1, 1]} to scale each probe's kernel. */
    private static FloatNdArray twice(float[] l2) {
        float[] doubled = new float[l2.length];
        for (int m = 0; m < l2.length; m++) {
            doubled[m] = 2 * l2[m];
        }
        return NdArrays.wrap(Shape.of(l2.length, 1, 1), DataBuffers.of(doubled, true, false));
    }
}
