package org.probelab.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Inverted dropout that is the identity unless switched on: the keep probability is
 * {@code 1 - rate * training}, and {@code floor(keep + U[0,1))} is then always 1. The noise comes from
 * a stateless random op seeded by (the op's own index, a fed seed), so the same fed seed drops the same
 * units in any session: training steps replay exactly after a resume.
 */
public final class StatelessDropout {
    private StatelessDropout() {
    }

    /**
     * @param training 1 while training, 0 otherwise (a float32 scalar)
     * @param opIndex  distinct for every dropout op of a graph
     * @param seed     fed per step (an int64 scalar)
     */
    public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, float rate, Operand<TFloat32> training,
                                          long opIndex, Operand<TInt64> seed) {
        Operand<TFloat32> keep = tf.math.sub(tf.constant(1f), tf.math.mul(tf.constant(rate), training));
        Operand<TFloat32> noise = tf.random.statelessRandomUniform(tf.shape(x),
                tf.stack(List.of(tf.constant(opIndex), seed)), TFloat32.class);
        Operand<TFloat32> kept = tf.math.floor(tf.math.add(keep, noise));
        return tf.math.mul(tf.math.div(x, keep), kept);
    }
}
