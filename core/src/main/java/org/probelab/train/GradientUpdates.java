package org.probelab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.probelab.model.BertGraph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The two ways a training graph applies an optimizer step for a loss: at once from one pass's gradients
 * ({@link #direct}), or from gradients summed over several passes ({@link #resetAccumulators}, then
 * {@link #accumulate} per pass, then {@link #accumulated}) when a batch is too large for one pass. Both
 * updates share the optimizer's state; the loss must weight its rows so that the passes' gradients add up to
 * the batch's. {@link #step} runs either, for every trainer.
 */
final class GradientUpdates {
    final AdamW.Update direct;
    final Op resetAccumulators;
    final Op accumulate;
    final AdamW.Update accumulated;
    private final BertGraph bert;
    private final AdamW adam;
    private final Operand<TFloat32> loss;

    /** The loss summed over a step's passes and the global gradient norm before clipping. */
    record Outcome(double loss, double gradientNorm) {
    }

    /** One pass's inputs: a runner with its batch fed, and how to free the batch once the pass has run. */
    record Pass(Session.Runner runner, Runnable close) {
    }

    GradientUpdates(Ops tf, BertGraph bert, AdamW adam, Operand<TFloat32> loss) {
        this.bert = bert;
        this.adam = adam;
        this.loss = loss;
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

    /**
     * One optimizer step at {@code rate} with dropout on: one pass with the direct update, or {@code passes}
     * passes whose gradients are summed before the accumulated update. Pass p runs with dropout seed
     * {@code seed + p}.
     *
     * @param open the inputs of pass p, opened just before it runs
     */
    Outcome step(Session session, int passes, IntFunction<Pass> open, float rate, long seed) {
        try (TFloat32 lr = TFloat32.scalarOf(rate); TBool on = TBool.scalarOf(true)) {
            if (passes == 1) {
                return run(open.apply(0), on, seed, lr, direct.step(), direct.gradientNorm());
            }
            session.runner().addTarget(resetAccumulators).run();
            double sum = 0;
            for (int p = 0; p < passes; p++) {
                sum += run(open.apply(p), on, seed + p, null, accumulate, null).loss();
            }
            try (Result r = session.runner().feed(adam.learningRate(), lr).addTarget(accumulated.step())
                    .fetch(accumulated.gradientNorm()).run()) {
                return new Outcome(sum, ((TFloat32) r.get(0)).getFloat());
            }
        }
    }

    /** Runs one pass with {@code target}; the norm is NaN unless fetched. */
    private Outcome run(Pass pass, TBool training, long seed, TFloat32 lr, Op target, Operand<TFloat32> norm) {
        try (TInt64 seedTensor = TInt64.scalarOf(seed)) {
            Session.Runner runner = pass.runner()
                    .feed(bert.training().get(), training)
                    .feed(bert.dropoutSeed().get(), seedTensor)
                    .fetch(loss).addTarget(target);
            if (lr != null) {
                runner.feed(adam.learningRate(), lr);
            }
            if (norm != null) {
                runner.fetch(norm);
            }
            try (Result r = runner.run()) {
                return new Outcome(((TFloat32) r.get(0)).getFloat(),
                        norm == null ? Double.NaN : ((TFloat32) r.get(1)).getFloat());
            }
        } finally {
            pass.close().run();
        }
    }
}
