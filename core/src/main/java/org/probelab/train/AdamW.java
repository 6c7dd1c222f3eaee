package org.probelab.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam with decoupled weight decay, built into a graph (BERT's {@code AdamWeightDecayOptimizer}).
 *
 * <p>Per variable {@code p} with gradient {@code g}: {@code m = b1 m + (1-b1) g},
 * {@code v = b2 v + (1-b2) g^2}, {@code p -= lr s (m'/(sqrt(v')+eps) + wd p)}, where {@code s} is the
 * group's {@link ParameterGroup#rateScale()} and {@code m', v'} are {@code m, v} divided by
 * {@code 1-b^t} when bias correction is on and {@code m, v} themselves when it is off. BERT turns it
 * off (its warm-up keeps the first steps small); probes trained from scratch at a constant rate turn
 * it on, see {@link Settings}. With a clipping norm, all gradients are first scaled together so that
 * their global L2 norm is at most that norm (BERT's {@code clip_by_global_norm}).
 *
 * <p>Trained variables must be read through {@code tf.identity} in the forward pass (as TF1's
 * {@code var/read}) or directly as in {@code BertGraph}; the moments and the step counter are
 * variables of their own ({@link #slots()}, {@link #stepCounter()}), so a checkpoint can save and
 * restore them.
 *
 * <p>The learning rate is a placeholder fed at every step, so any {@link LearningRateSchedule} works.
 * Only the variables of the given groups get updates.
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

    /** A trained variable with its first and second moment. */
    public record Slot(Variable<TFloat32> parameter, Variable<TFloat32> m, Variable<TFloat32> v) {
    }

    /**
     * One update op and the global norm of the gradients it was given (before clipping), to fetch
     * with it.
     */
    public record Update(Op step, Operand<TFloat32> gradientNorm) {
    }

    private final Ops tf;
    private final List<ParameterGroup> groups;
    private final Settings settings;
    private final float clipNorm;
    private final Placeholder<TFloat32> learningRate;
    private final Variable<TFloat32> counter;
    private final List<Slot> slots = new ArrayList<>();
    private final List<Update> updates = new ArrayList<>();

    private AdamW(Ops tf, List<ParameterGroup> groups, Settings settings, float clipNorm) {
        this.tf = tf;
        this.groups = List.copyOf(groups);
        this.settings = settings;
        this.clipNorm = clipNorm;
        this.learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        this.counter = tf.withName("step").variable(tf.constant(0f));
        for (ParameterGroup group : groups) {
            for (Variable<TFloat32> p : group.variables()) {
                // Zero-initialised on the session's next run; made outside any control dependencies so
                // that their initialisers need no feeds.
                slots.add(new Slot(p, tf.variable(tf.zeros(tf.constant(p.shape()), TFloat32.class)),
                        tf.variable(tf.zeros(tf.constant(p.shape()), TFloat32.class))));
            }
        }
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("AdamW needs at least one variable to train");
        }
    }

    /**
     * The optimizer's state (moments, step counter, learning-rate feed) for the variables of
     * {@code groups}; {@link #update} then adds update ops that share it.
     *
     * @param clipNorm the global gradient norm to clip to; 0 for no clipping
     */
    public static AdamW create(Ops tf, List<ParameterGroup> groups, Settings settings, float clipNorm) {
        if (!(clipNorm >= 0f)) {
            throw new IllegalArgumentException("clipping norm must be >= 0 (0 = none), got " + clipNorm);
        }
        return new AdamW(tf.withSubScope("adamw"), groups, settings, clipNorm);
    }

    /**
     * Adds the gradients of {@code loss} with respect to the variables of {@code groups} and one
     * update op for all of them (no clipping). Moment slots and the step counter are
     * zero-initialised variables whose initialisers run on the session's next run.
     */
    public static AdamW minimize(Ops tf, Operand<TFloat32> loss, List<ParameterGroup> groups, Settings settings) {
        AdamW adam = create(tf, groups, settings, 0f);
        Gradients gradients = adam.tf.gradients(loss, adam.variables());
        List<Operand<TFloat32>> values = new ArrayList<>();
        for (int i = 0; i < adam.slots.size(); i++) {
            values.add(gradients.dy(i));
        }
        adam.update(values);
        return adam;
    }

    /** The trained variables, in group order: the order {@link #update} expects gradients in. */
    public List<Variable<TFloat32>> variables() {
        return slots.stream().map(Slot::parameter).toList();
    }

    /**
     * An op applying one step from {@code gradients} (one per {@link #variables()} entry). Every
     * update waits for every gradient: otherwise a variable could change before another variable's
     * gradient has read it.
     */
    public Update update(List<? extends Operand<TFloat32>> gradients) {
        if (gradients.size() != slots.size()) {
            throw new IllegalArgumentException("expected " + slots.size() + " gradients, got " + gradients.size());
        }
        List<Op> gradientsDone = new ArrayList<>();
        List<Operand<TFloat32>> values = new ArrayList<>();
        for (Operand<TFloat32> gradient : gradients) {
            Operand<TFloat32> read = tf.identity(gradient);
            gradientsDone.add((Op) read);
            values.add(read);
        }
        Ops update = tf.withControlDependencies(gradientsDone);
        Operand<TFloat32> norm = globalNorm(update, values);
        // clip / max(norm, clip): 1 while the norm is within bounds.
        Operand<TFloat32> scale = clipNorm > 0f ? update.math.div(update.constant(clipNorm),
                update.math.maximum(norm, update.constant(clipNorm))) : null;
        Operand<TFloat32> t = update.math.add(counter, update.constant(1f));
        Correction correction = correction(update, t);

        List<Op> assignments = new ArrayList<>();
        assignments.add(update.assign(counter, t));
        // One variable after the other: each waits for the previous one's update, so only one variable's
        // temporaries (clipped gradient, decayed value) exist at a time, and its gradient is freed once it is
        // applied. Left free, the executor runs each of these ops for every variable before the next, holding
        // several model-sized temporaries at once.
        List<Op> previous = gradientsDone;
        int i = 0;
        for (ParameterGroup group : groups) {
            Operand<TFloat32> rate = update.math.mul(learningRate, update.constant(group.rateScale()));
            for (int k = 0; k < group.variables().size(); k++, i++) {
                Ops after = tf.withControlDependencies(previous);
                Operand<TFloat32> g = scale == null ? values.get(i) : after.math.mul(values.get(i), scale);
                previous = List.of(updateOne(after, slots.get(i), g, group.weightDecay(), rate, correction));
                assignments.addAll(previous);
            }
        }
        Update result = new Update(tf.withControlDependencies(assignments).noOp(), norm);
        updates.add(result);
        return result;
    }

    private static Operand<TFloat32> globalNorm(Ops tf, List<Operand<TFloat32>> gradients) {
        List<Operand<TFloat32>> squares = new ArrayList<>();
        for (Operand<TFloat32> g : gradients) {
            squares.add(tf.reduceSum(tf.math.square(g), tf.range(tf.constant(0), tf.rank(g), tf.constant(1))));
        }
        return tf.math.sqrt(tf.math.addN(squares));
    }


    /**
     * Adam's step as one fused, in-place kernel per variable (TensorFlow's {@code ApplyAdam}), which reads
     * and writes the variable and its moments once instead of through a dozen elementwise temporaries.
     * {@code ApplyAdam} scales the rate by {@code sqrt(1-b2^t)/(1-b1^t)} and adds its epsilon to
     * {@code sqrt(v)}; with epsilon times {@code sqrt(1-b2^t)} that is exactly the bias-corrected
     * {@code m'/(sqrt(v')+eps)} above, and with both powers 0 the uncorrected one. Decoupled weight decay
     * uses the value before the step, so it is applied first: {@code p *= 1 - lr wd}.
     */
    private Op updateOne(Ops tf, Slot slot, Operand<TFloat32> g, float decay, Operand<TFloat32> lr,
                         Correction correction) {
        Ops apply = tf;
        if (decay > 0f) {
            Operand<TFloat32> kept = tf.math.sub(tf.constant(1f), tf.math.mul(lr, tf.constant(decay)));
            apply = tf.withControlDependencies(List.of(
                    tf.assign(slot.parameter(), tf.math.mul(tf.identity(slot.parameter()), kept))));
        }
        return apply.train.applyAdam(slot.parameter(), slot.m(), slot.v(), correction.beta1Power(),
                correction.beta2Power(), lr, tf.constant(settings.beta1()), tf.constant(settings.beta2()),
                correction.epsilon(), g);
    }

    /** The powers {@code b1^t, b2^t} and the epsilon {@code ApplyAdam} is given at step {@code t}. */
    private record Correction(Operand<TFloat32> beta1Power, Operand<TFloat32> beta2Power,
                              Operand<TFloat32> epsilon) {
    }

    private Correction correction(Ops tf, Operand<TFloat32> t) {
        if (!settings.biasCorrection()) {
            Operand<TFloat32> none = tf.constant(0f);
            return new Correction(none, none, tf.constant(settings.epsilon()));
        }
        Operand<TFloat32> beta2Power = tf.math.pow(tf.constant(settings.beta2()), t);
        return new Correction(tf.math.pow(tf.constant(settings.beta1()), t), beta2Power,
                tf.math.mul(tf.constant(settings.epsilon()), tf.math.sqrt(tf.math.sub(tf.constant(1f), beta2Power))));
    }

    /** Feed the step's learning rate (a float32 scalar) here. */
    public Placeholder<TFloat32> learningRate() {
        return learningRate;
    }

    /** The op of the update {@link #minimize} built. */
    public Op step() {
        if (updates.size() != 1) {
            throw new IllegalStateException("step() is the single update of minimize(); this optimizer has "
                    + updates.size());
        }
        return updates.get(0).step();
    }

    /** Moments of every trained variable, in {@link #variables()} order. */
    public List<Slot> slots() {
        return List.copyOf(slots);
    }

    /**
     * The optimizer's state by checkpoint name: {@code adamw/m/VAR} and {@code adamw/v/VAR} for each trained
     * variable's moments, {@code adamw/step} for the step counter.
     */
    public Map<String, Variable<TFloat32>> stateVariables() {
        Map<String, Variable<TFloat32>> state = new LinkedHashMap<>();
        for (Slot slot : slots) {
            String name = slot.parameter().op().name();
            state.put("adamw/m/" + name, slot.m());
            state.put("adamw/v/" + name, slot.v());
        }
        state.put("adamw/step", counter);
        return state;
    }

    /** Steps taken so far (a float32 scalar variable). */
    public Variable<TFloat32> stepCounter() {
        return counter;
    }

    public List<ParameterGroup> groups() {
        return groups;
    }
}
