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
 * float sums stay short. Also {@code x · yᵀ} of a block of rows with a fixed set ({@link #multiply}).
 * Safe to use from several threads (a TensorFlow session runs concurrently).
 */
final class ChunkProducts implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> x;
    private final Placeholder<TFloat32> y;
    private final Operand<TFloat32> product;
    private final Operand<TFloat32> rowProduct;

    ChunkProducts() {
        Ops tf = Ops.create(graph);
        x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
        y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
        product = tf.linalg.matMul(x, y, MatMul.transposeA(true));
        rowProduct = tf.linalg.matMul(x, y, MatMul.transposeB(true));
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

    /** {@code count × d} rows (row-major) as the fixed operand of {@link #multiply}; the caller closes it. */
    static TFloat32 operand(float[] rows, int count, int d) {
        return TFloat32.tensorOf(Shape.of(count, d), DataBuffers.of(rows, true, false).narrow((long) count * d));
    }

    /**
     * {@code out = left · fixedᵀ} ({@code rows × fixed rows}, row-major) for {@code rows × d} rows {@code left}:
     * the products of test points with a cluster's members in DirectProbe's prediction, where a Java loop
     * spent more time than the hull solves. The fixed operand is fed by reference on every call.
     */
    void multiply(float[] left, int rows, int d, TFloat32 fixed, float[] out) {
        try (TFloat32 xt = TFloat32.tensorOf(Shape.of(rows, d), DataBuffers.of(left, true, false).narrow((long) rows * d));
             Result result = session.runner().feed(x, xt).feed(y, fixed).fetch(rowProduct).run()) {
            ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false).narrow(rows * fixed.shape().size(0)));
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
