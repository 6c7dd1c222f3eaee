package org.probelab.probe;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
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
     * What the backward pass needs of a forward pass: each layer's input ({@code x} first, then the
     * hidden activations) and pre-activation, and the logits.
     */
    record Forward(List<Operand<TFloat32>> inputs, List<Operand<TFloat32>> preActivations, Operand<TFloat32> logits) {
    }

    /**
     * Logits {@code [M, B, labels]} of inputs {@code x}: {@code [M, B, dim]} (each probe its own rows)
     * or {@code [1, B, dim]} (all probes the same rows).
     */
    static Operand<TFloat32> logits(Ops tf, Operand<TFloat32> x, List<? extends Operand<TFloat32>> kernels,
                                    List<? extends Operand<TFloat32>> biases) {
        return forward(tf, x, kernels, biases).logits();
    }

    /** The forward pass of {@link #logits}, keeping what {@link ProbeGradients} needs. */
    static Forward forward(Ops tf, Operand<TFloat32> x, List<? extends Operand<TFloat32>> kernels,
                           List<? extends Operand<TFloat32>> biases) {
        List<Operand<TFloat32>> inputs = new ArrayList<>();
        List<Operand<TFloat32>> preActivations = new ArrayList<>();
        Operand<TFloat32> h = x;
        for (int layer = 0; layer < kernels.size(); layer++) {
            inputs.add(h);
            Operand<TFloat32> z = tf.math.add(product(tf, h, kernels.get(layer), false, false), biases.get(layer));
            preActivations.add(z);
            h = layer < kernels.size() - 1 ? tf.nn.relu(z) : z;
        }
        return new Forward(inputs, preActivations, h);
    }

    /**
     * The batched matrix product {@code a b} ({@code a} or {@code b} transposed when asked), broadcasting a
     * leading axis of 1. Built as {@code BatchMatMulV2}, which TensorFlow's oneDNN pass turns into its own
     * kernel; TF Java's generated op is {@code BatchMatMulV3}, which the pass leaves to a generic kernel
     * (measured 2–3 times slower on the probes' small matrices).
     */
    static Operand<TFloat32> product(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b, boolean transposeA,
                                     boolean transposeB) {
        return ((Graph) tf.scope().env()).opBuilder("BatchMatMulV2", tf.scope().makeOpName("BatchMatMulV2"),
                        tf.scope())
                .addInput(a.asOutput()).addInput(b.asOutput())
                .setAttr("adj_x", transposeA).setAttr("adj_y", transposeB)
                .build().<TFloat32>output(0);
    }
}
