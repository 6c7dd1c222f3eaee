package org.probelab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class AdamWTest {

    /** Runs {@code steps} steps at a constant rate; returns the loss before the first and after the last. */
    private static float[] train(Session session, AdamW adam, Operand<TFloat32> loss, int steps, float rate) {
        float before = value(session, loss)[0];
        try (TFloat32 lr = TFloat32.scalarOf(rate)) {
            for (int i = 0; i < steps; i++) {
                session.runner().feed(adam.learningRate(), lr).addTarget(adam.step()).run();
            }
        }
        return new float[] {before, value(session, loss)[0]};
    }

    private static float[] value(Session session, Operand<TFloat32> operand) {
        try (Result result = session.runner().fetch(operand).run()) {
            TFloat32 tensor = (TFloat32) result.get(0);
            float[] values = new float[(int) tensor.shape().size()];
            tensor.copyTo(DataBuffers.of(values, false, false));
            return values;
        }
    }

    private static Operand<TFloat32> squaredDistance(Ops tf, Variable<TFloat32> variable, float[] target) {
        Operand<TFloat32> difference = tf.math.sub(tf.identity(variable), tf.constant(target));
        return tf.reduceSum(tf.math.square(difference), tf.constant(0));
    }

    @Test
    void minimisesAQuadraticLoss() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Variable<TFloat32> x = tf.withName("x").variable(tf.constant(new float[] {5f, -3f, 2f}));
            Operand<TFloat32> loss = squaredDistance(tf, x, new float[] {1f, 2f, -1f});
            AdamW adam = AdamW.minimize(tf, loss, List.of(new ParameterGroup("all", List.of(x), 0f)),
                    AdamW.Settings.adam());
            float[] losses = train(session, adam, loss, 300, 0.1f);
            assertEquals(50f, losses[0], 1e-4f);
            assertTrue(losses[1] < 0.01f * losses[0], "loss went from " + losses[0] + " to " + losses[1]);
        }
    }

    @Test
    void decaysOnlyTheVariablesOfDecayedGroups() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Ops dense = tf.withSubScope("dense");
            Variable<TFloat32> kernel = dense.withName("kernel").variable(tf.constant(new float[] {2f, -4f}));
            Variable<TFloat32> bias = dense.withName("bias").variable(tf.constant(new float[] {3f}));
            // A zero gradient leaves Adam's direction at 0, so whatever moves is weight decay.
            Operand<TFloat32> loss = tf.math.add(
                    tf.reduceSum(tf.math.mul(tf.identity(kernel), tf.constant(0f)), tf.constant(0)),
                    tf.reduceSum(tf.math.mul(tf.identity(bias), tf.constant(0f)), tf.constant(0)));
            List<ParameterGroup> groups = ParameterGroup.split(List.of(kernel, bias), 0.5f,
                    ParameterGroup.BERT_NO_DECAY);
            assertEquals(List.of("decay", "no_decay"), groups.stream().map(ParameterGroup::name).toList());
            AdamW adam = AdamW.minimize(tf, loss, groups, AdamW.Settings.bert());
            train(session, adam, loss, 10, 0.1f);
            float shrink = (float) Math.pow(1 - 0.1 * 0.5, 10);
            assertArrayEquals(new float[] {2f * shrink, -4f * shrink}, value(session, kernel), 1e-5f);
            assertArrayEquals(new float[] {3f}, value(session, bias));
        }
    }

    @Test
    void leavesVariablesOutsideTheGroupsUntouched() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Variable<TFloat32> trained = tf.withName("trained").variable(tf.constant(new float[] {4f}));
            Variable<TFloat32> frozen = tf.withName("frozen").variable(tf.constant(new float[] {4f}));
            Operand<TFloat32> loss = tf.math.add(squaredDistance(tf, trained, new float[] {0f}),
                    squaredDistance(tf, frozen, new float[] {0f}));
            AdamW adam = AdamW.minimize(tf, loss, List.of(new ParameterGroup("trained", List.of(trained), 0.01f)),
                    AdamW.Settings.adam());
            train(session, adam, loss, 20, 0.1f);
            assertArrayEquals(new float[] {4f}, value(session, frozen));
            assertTrue(value(session, trained)[0] < 3f);
        }
    }

    @Test
    void biasCorrectionMakesTheFirstStepTheLearningRateAndBertSettingsOmitIt() {
        // One step on loss 3x from x = 1: corrected Adam moves by lr * sign(g); uncorrected by
        // lr * (1-b1) g / sqrt((1-b2) g^2) = lr * 0.1 / sqrt(0.001).
        assertEquals(1f - 0.01f, afterOneStep(AdamW.Settings.adam()), 1e-6f);
        assertEquals(1f - 0.01f * (float) (0.1 / Math.sqrt(0.001)), afterOneStep(AdamW.Settings.bert()), 1e-5f);
    }

    private static float afterOneStep(AdamW.Settings settings) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Variable<TFloat32> x = tf.withName("x").variable(tf.constant(new float[] {1f}));
            Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(tf.identity(x), tf.constant(3f)), tf.constant(0));
            AdamW adam = AdamW.minimize(tf, loss, List.of(new ParameterGroup("x", List.of(x), 0f)), settings);
            train(session, adam, loss, 1, 0.01f);
            return value(session, x)[0];
        }
    }
}
