package org.probelab.geometry;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * {@code xᵀy} of two row chunks by TensorFlow's matrix product (the cost of every feature-space
 * similarity: rows × dx × dy multiply-adds, far faster in TensorFlow's kernels than in a Java loop).
 * A chunk's product is summed in float; the caller adds chunks into double accumulators, so the
 * float sums stay short.
 */
final class ChunkProducts implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> x;
    private final Placeholder<TFloat32> y;
    private final Operand<TFloat32> product;

    ChunkProducts() {
        Ops tf = Ops.create(graph);
        x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
        y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
        product = tf.linalg.matMul(x, y, MatMul.transposeA(true));
        session = new Session(graph);
    }

    /**
     * Adds {@code xᵀy} into {@code sum} ({@code dx × dy}, row-major), for {@code x} of {@code rows × dx}
     * and {@code y} of {@code rows × dy}, both row-major (the arrays may be longer: a last, shorter chunk).
     */
    void addProduct(float[] xRows, float[] yRows, int rows, int dx, int dy, double[] sum) {
        float[] out = new float[dx * dy];
        try (TFloat32 xt = TFloat32.tensorOf(Shape.of(rows, dx), DataBuffers.of(xRows, true, false).narrow((long) rows * dx));
             TFloat32 yt = TFloat32.tensorOf(Shape.of(rows, dy), DataBuffers.of(yRows, true, false).narrow((long) rows * dy));
             Result result = session.runner().feed(x, xt).feed(y, yt).fetch(product).run()) {
            ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
        }
        for (int i = 0; i < out.length; i++) {
            sum[i] += out[i];
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
