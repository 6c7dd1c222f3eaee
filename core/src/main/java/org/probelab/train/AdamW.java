package org.probelab.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Identity;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam with decoupled weight decay, built into a graph (BERT's {@code AdamWeightDecayOptimizer}).
 *
 * <p>Per variable {@code p} with gradient {@code g}: {@code m = b1 m + (1-b1) g},
 * {@code v = b2 v + (1-b2) g^2}, {@code p -= lr (m'/(sqrt(v')+eps) + wd p)}, where
 * {@code m', v'} are {@code m, v} divided by {@code 1-b^t} when bias correction is on and
 * {@code m, v} themselves when it is off. BERT turns it off (its warm-up keeps the first steps small);
 * probes trained from scratch at a constant rate turn it on, see {@link Settings}.
 *
 * <p>Trained variables must be read through {@code tf.identity} in the forward pass (as TF1's
 * {@code var/read}): gradients taken straight from a reference variable crash TF 2.18's C API.
 *
 * <p>The learning rate is a placeholder fed at every step, so any {@link LearningRateSchedule} works.
 * Only the variables of the given groups get gradients and updates.
 */
public final class AdamW {

    /** Moment decay rates, epsilon, and whether moments are bias-corrected. */
    public record Settings(float beta1, float beta2, float epsilon, boolean biasCorrection) {
        /** BERT's optimizer: no bias correction, epsilon 1e-6. */
        public static Settings bert() {
            return new Settings(0.9f, 0.999f, 1e-6f, false);
        }

        /** Adam as published (Kingma & Ba), for models trained from scratch without warm-up. */
        public static Settings adam() {
            return new Settings(0.9f, 0.999f, 1e-8f, true);
        }
    }

    private final Placeholder<TFloat32> learningRate;
    private final Op step;

    private AdamW(Placeholder<TFloat32> learningRate, Op step) {
        this.learningRate = learningRate;
        this.step = step;
    }

    /**
     * Adds the gradients of {@code loss} with respect to the variables of {@code groups} and one
     * update op for all of them. Moment slots and the step counter are zero-initialised variables whose
     * initialisers run on the session's first run.
     */
    public static AdamW minimize(Ops tf, Operand<TFloat32> loss, List<ParameterGroup> groups, Settings settings) {
        Ops scope = tf.withSubScope("adamw");
        List<Variable<TFloat32>> variables = new ArrayList<>();
        List<Float> decays = new ArrayList<>();
        for (ParameterGroup group : groups) {
            for (Variable<TFloat32> variable : group.variables()) {
                variables.add(variable);
                decays.add(group.weightDecay());
            }
        }
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("AdamW needs at least one variable to train");
        }
        Gradients gradients = scope.gradients(loss, variables);
        // Every update waits for every gradient: otherwise a variable could change before another
        // variable's gradient has read it.
        List<Op> gradientsDone = new ArrayList<>();
        List<Operand<TFloat32>> gradientValues = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Identity<TFloat32> gradient = scope.identity(gradients.<TFloat32>dy(i));
            gradientsDone.add(gradient);
            gradientValues.add(gradient);
        }
        Ops update = scope.withControlDependencies(gradientsDone);
        Placeholder<TFloat32> learningRate = scope.withName("learning_rate")
                .placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        Variable<TFloat32> counter = scope.withName("step").variable(scope.constant(0f));
        Operand<TFloat32> t = update.math.add(counter, update.constant(1f));
        Operand<TFloat32> mScale = bias(update, settings.beta1(), t, settings.biasCorrection());
        Operand<TFloat32> vScale = bias(update, settings.beta2(), t, settings.biasCorrection());

        List<Op> assignments = new ArrayList<>();
        assignments.add(update.assign(counter, t));
        for (int i = 0; i < variables.size(); i++) {
            assignments.addAll(updateOne(scope, update, variables.get(i), gradientValues.get(i), decays.get(i),
                    learningRate, mScale, vScale, settings));
        }
        Op step = scope.withControlDependencies(assignments).withName("step_all").noOp();
        return new AdamW(learningRate, step);
    }

    /** {@code 1/(1-beta^t)} with correction, 1 without. */
    private static Operand<TFloat32> bias(Ops tf, float beta, Operand<TFloat32> t, boolean correct) {
        if (!correct) {
            return tf.constant(1f);
        }
        Operand<TFloat32> betaPowT = tf.math.pow(tf.constant(beta), t);
        return tf.math.div(tf.constant(1f), tf.math.sub(tf.constant(1f), betaPowT));
    }

    private static List<Op> updateOne(Ops slots, Ops tf, Variable<TFloat32> p, Operand<TFloat32> g, float decay,
                                      Operand<TFloat32> lr, Operand<TFloat32> mScale, Operand<TFloat32> vScale,
                                      Settings s) {
        // Slots are made outside the gradient dependencies, so their initialisers need no feeds.
        Variable<TFloat32> m = slots.variable(slots.zeros(slots.constant(p.shape()), TFloat32.class));
        Variable<TFloat32> v = slots.variable(slots.zeros(slots.constant(p.shape()), TFloat32.class));
        Operand<TFloat32> value = tf.identity(p);
        Operand<TFloat32> mNew = tf.math.add(tf.math.mul(tf.constant(s.beta1()), m),
                tf.math.mul(tf.constant(1f - s.beta1()), g));
        Operand<TFloat32> vNew = tf.math.add(tf.math.mul(tf.constant(s.beta2()), v),
                tf.math.mul(tf.constant(1f - s.beta2()), tf.math.square(g)));
        Operand<TFloat32> direction = tf.math.div(tf.math.mul(mNew, mScale),
                tf.math.add(tf.math.sqrt(tf.math.mul(vNew, vScale)), tf.constant(s.epsilon())));
        if (decay > 0f) {
            direction = tf.math.add(direction, tf.math.mul(tf.constant(decay), value));
        }
        Operand<TFloat32> pNew = tf.math.sub(value, tf.math.mul(lr, direction));
        return List.of(tf.assign(m, mNew), tf.assign(v, vNew), tf.assign(p, pNew));
    }

    /** Feed the step's learning rate (a float32 scalar) here. */
    public Placeholder<TFloat32> learningRate() {
        return learningRate;
    }

    /** Run this op (with {@link #learningRate()} fed) to take one optimizer step. */
    public Op step() {
        return step;
    }
}
