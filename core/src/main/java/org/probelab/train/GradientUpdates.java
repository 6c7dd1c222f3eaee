package org.probelab.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The two ways a training graph applies an optimizer step for a loss: at once from one pass's gradients
 * ({@link #direct}), or from gradients summed over several passes ({@link #resetAccumulators}, then
 * {@link #accumulate} per pass, then {@link #accumulated}) when a batch is too large for one pass. Both
 * updates share the optimizer's state; the loss must weight its rows so that the passes' gradients add up to
 * the batch's.
 */
final class GradientUpdates {
    final AdamW.Update direct;
    final Op resetAccumulators;
    final Op accumulate;
    final AdamW.Update accumulated;

    GradientUpdates(Ops tf, AdamW adam, Operand<TFloat32> loss) {
        List<Variable<TFloat32>> trained = adam.variables();
        Gradients gradients = tf.gradients(loss, trained);
        List<Operand<TFloat32>> direct = new ArrayList<>();
        List<Op> resets = new ArrayList<>();
        List<Op> adds = new ArrayList<>();
        List<Operand<TFloat32>> sums = new ArrayList<>();
        for (int i = 0; i < trained.size(); i++) {
            direct.add(gradients.dy(i));
            Variable<TFloat32> sum = tf.variable(trained.get(i).shape(), TFloat32.class);
            resets.add(tf.assign(sum, tf.zerosLike(trained.get(i))));
            adds.add(tf.assignAdd(sum, gradients.dy(i)));
            sums.add(tf.identity(sum));
        }
        this.direct = adam.update(direct);
        this.resetAccumulators = tf.withControlDependencies(resets).noOp();
        this.accumulate = tf.withControlDependencies(adds).noOp();
        this.accumulated = adam.update(sums);
    }
}
