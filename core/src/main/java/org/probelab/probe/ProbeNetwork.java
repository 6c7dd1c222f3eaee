package org.probelab.probe;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The forward pass of {@code M} probes of one shape at once: every tensor has a leading "model"
 * axis, kernel {@code k} is {@code [M, in_k, out_k]} and bias {@code k} is {@code [M, 1, out_k]}.
 */
final class ProbeNetwork {
    private ProbeNetwork() {
    }

    /**
     * Logits {@code [M, B, labels]} of inputs {@code x}: {@code [M, B, dim]} (each probe its own rows)
     * or {@code [1, B, dim]} (all probes the same rows).
     */
    static Operand<TFloat32> logits(Ops tf, Operand<TFloat32> x, List<? extends Operand<TFloat32>> kernels,
                                    List<? extends Operand<TFloat32>> biases) {
        Operand<TFloat32> h = x;
        for (int layer = 0; layer < kernels.size(); layer++) {
            h = affine(tf, h, kernels.get(layer), biases.get(layer));
            if (layer < kernels.size() - 1) {
                h = tf.nn.relu(h);
            }
        }
        return h;
    }

    private static Operand<TFloat32> affine(Ops tf, Operand<TFloat32> h, Operand<TFloat32> kernel,
                                            Operand<TFloat32> bias) {
        return tf.math.add(tf.train.batchMatMul(h, kernel, TFloat32.class), bias);
    }
}
