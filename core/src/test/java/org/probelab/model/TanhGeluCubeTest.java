package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A training graph writes the tanh GELU's cube x * x^2, an inference graph {@code pow(x, 3)} as Google's
 * modeling.py ({@code BertGraphBuilder}): element by element both must give the same bits in a TensorFlow
 * session on a CPU, inference and training options alike.
 */
class TanhGeluCubeTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void xTimesItsSquareIsBitIdenticalToPowOfThreeAsASessionRunsIt(boolean training) {
        Random random = new Random(3);
        float[] values = new float[200_000];
        for (int i = 0; i < values.length; i++) {
            // GELU inputs: pre-activations of a dense layer, mostly within a few units of 0, some far out.
            values[i] = (float) (random.nextGaussian() * (i % 10 == 0 ? 40 : 3));
        }
        try (Graph graph = new Graph();
             Session session = new Session(graph, DeviceOptions.cpu().toConfigProto(training));
             TFloat32 input = TFloat32.vectorOf(values)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            Operand<TFloat32> pow = tf.math.pow(x, tf.constant(3f));
            Operand<TFloat32> product = tf.math.mul(x, tf.math.square(x));
            try (Result r = session.runner().feed(x, input).fetch(pow).fetch(product).run()) {
                TFloat32 expected = (TFloat32) r.get(0);
                TFloat32 actual = (TFloat32) r.get(1);
                for (int i = 0; i < values.length; i++) {
                    assertEquals(Float.floatToRawIntBits(expected.getFloat(i)),
                            Float.floatToRawIntBits(actual.getFloat(i)), "x = " + values[i]);
                }
            }
        }
    }
}
