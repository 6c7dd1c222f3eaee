package org.probelab.probe;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.nn.ReluGrad;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * The first (ReLU) layer of {@code M} probes of one shape that all see the same batch rows, computed as
 * one wide product: the probes' kernels lie side by side in one {@code [in, M * out]} matrix (probe
 * {@code m}'s columns {@code m * out ... (m+1) * out - 1}) and their biases in one {@code [M * out]}
 * vector, so the forward pass is a single {@code [B, in] x [in, M * out]} GEMM with its bias and ReLU
 * (which TensorFlow fuses into one oneDNN kernel) and the kernel's gradient a single
 * {@code [in, B] x [B, M * out]} GEMM. As {@code M} batched products with {@code out} columns each, the
 * same work ran far below the CPU's matrix peak: the first layer is 85% of a search step's arithmetic.
 * The layers after it run on the model axis as {@link ProbeNetwork} does.
 */
final class WideFirstLayer {
    private WideFirstLayer() {
    }

    /** The probes' hidden activations {@code [M, B, out]} for shared rows {@code x}: {@code [B, in]}. */
    static Operand<TFloat32> forward(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, Operand<TFloat32> bias,
                                     int members, int out) {
        Operand<TFloat32> hidden = tf.nn.relu(tf.nn.biasAdd(tf.linalg.matMul(x, kernel), bias));
        return tf.linalg.transpose(tf.reshape(hidden, tf.constant(new int[] {-1, members, out})),
                tf.constant(new int[] {1, 0, 2}));
    }

    /**
     * The gradients of the kernel and the bias (in their wide layouts) from {@code upstream}, the gradient
     * with respect to {@link #forward}'s output {@code hidden} ({@code [M, B, out]}), plus each probe's
     * L2 term {@code 2 l2 W}.
     */
    static List<Operand<TFloat32>> gradients(Ops tf, Operand<TFloat32> x, Operand<TFloat32> hidden,
                                             Operand<TFloat32> upstream, Operand<TFloat32> kernel, float[] l2,
                                             int out) {
        // ReLU's output is positive exactly where its input is, so it serves as ReluGrad's features.
        Operand<TFloat32> perProbe = ReluGrad.create(tf.scope(), upstream, hidden);
        Operand<TFloat32> wide = tf.reshape(tf.linalg.transpose(perProbe, tf.constant(new int[] {1, 0, 2})),
                tf.constant(new int[] {-1, l2.length * out}));
        Operand<TFloat32> kernelGradient = tf.math.add(tf.linalg.matMul(x, wide, MatMul.transposeA(true)),
                tf.math.mul(kernel, tf.constant(twiceByColumn(l2, out))));
        return List.of(kernelGradient, tf.reduceSum(wide, tf.constant(0)));
    }

    /** Probe m's flag for each of its columns: {@code [M * out]}, to select a wide kernel's or bias's columns. */
    static Operand<TBool> byColumn(Ops tf, Operand<TBool> perProbe, int members, int out) {
        return tf.reshape(tf.broadcastTo(tf.reshape(perProbe, tf.constant(new int[] {members, 1})),
                tf.constant(new int[] {members, out})), tf.constant(new int[] {members * out}));
    }

    /** The wide kernel's shape for {@code members} probes of {@code [in, out]} kernels. */
    static Shape kernelShape(int members, int in, int out) {
        return Shape.of(in, (long) members * out);
    }

    /** The wide bias's shape. */
    static Shape biasShape(int members, int out) {
        return Shape.of((long) members * out);
    }

    /** {@code [M, in, out]} kernels, probe by probe, as one wide {@code [in, M * out]} kernel. */
    static float[] toWide(float[] perProbe, int members, int in, int out) {
        float[] wide = new float[perProbe.length];
        for (int m = 0; m < members; m++) {
            for (int i = 0; i < in; i++) {
                System.arraycopy(perProbe, (m * in + i) * out, wide, (i * members + m) * out, out);
            }
        }
        return wide;
    }

    /** The inverse of {@link #toWide}. */
    static float[] toPerProbe(float[] wide, int members, int in, int out) {
        float[] perProbe = new float[wide.length];
        for (int m = 0; m < members; m++) {
            for (int i = 0; i < in; i++) {
                System.arraycopy(wide, (i * members + m) * out, perProbe, (m * in + i) * out, out);
            }
        }
        return perProbe;
    }

    /** {@code 2 l2} of each probe repeated over its {@code out} columns. */
    private static float[] twiceByColumn(float[] l2, int out) {
        float[] twice = new float[l2.length * out];
        for (int m = 0; m < l2.length; m++) {
            Arrays.fill(twice, m * out, (m + 1) * out, 2 * l2[m]);
        }
        return twice;
    }
}
