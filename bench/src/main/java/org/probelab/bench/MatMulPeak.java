package org.probelab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The float32 matrix-multiply throughput TensorFlow reaches on this machine: the practical ceiling
 * for a BERT forward, which is almost all matmul. Runs an n x n by n x n MatMul in a session with the
 * model's thread settings (intra-op = all processors, inter-op = 1) and prints one JSON line.
 *
 * <p>Usage: {@code MatMulPeak [--n 3072] [--warmups 3] [--runs 7] [--report results.md]}
 */
public final class MatMulPeak {
    private static final float TOLERANCE = 1e-3f;

    /** Timings of one measurement; GFLOP/s is of the median run, counting 2 n^3 FLOPs per product. */
    public record Measurement(int n, int threads, int runs, double medianSeconds, double bestSeconds) {
        public double gflopPerSecond() {
            return 2.0 * n * n * n / medianSeconds / 1e9;
        }
    }

    private MatMulPeak() {
    }

    /** Session settings of the model's forward, so the peak is measured under the same threading. */
    static ConfigProto sessionConfig() {
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(Runtime.getRuntime().availableProcessors())
                .setInterOpParallelismThreads(1)
                .build();
    }

    public static Measurement measure(int n, int warmups, int runs) throws Exception {
        return measure(n, warmups, runs, (tf, left, right) -> tf.linalg.matMul(left, right));
    }

    /** Builds the op that is timed; the tests pass a wrong one to see the product check catch it. */
    interface ProductOp {
        Operand<TFloat32> build(Ops tf, Operand<TFloat32> left, Operand<TFloat32> right);
    }

    static Measurement measure(int n, int warmups, int runs, ProductOp productOp) throws Exception {
        if (n < 1) {
            throw new IllegalArgumentException("matrix size must be positive, got " + n);
        }
        float[] a = randomMatrix(n, 1);
        float[] b = randomMatrix(n, 2);
        try (Graph graph = new Graph();
                TFloat32 aTensor = TFloat32.tensorOf(Shape.of(n, n), DataBuffers.of(a, true, false));
                TFloat32 bTensor = TFloat32.tensorOf(Shape.of(n, n), DataBuffers.of(b, true, false))) {
            Ops tf = Ops.create(graph);
            // Placeholders, not constants: Grappler would fold a product of constants away.
            Placeholder<TFloat32> left = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
            Placeholder<TFloat32> right = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
            Operand<TFloat32> product = productOp.build(tf, left, right);
            try (Session session = new Session(graph, sessionConfig())) {
                checkProduct(session, left, right, product, aTensor, bTensor, a, b, n);
                // Timed runs only target the op: fetching would add a copy of the n x n result.
                double[] seconds = Timer.seconds(Math.max(0, warmups - 1), runs, () ->
                        session.runner().feed(left, aTensor).feed(right, bTensor).addTarget(product).run().close());
                return new Measurement(n, Runtime.getRuntime().availableProcessors(), runs,
                        Timer.median(seconds), Timer.min(seconds));
            }
        }
    }

    /** Fetches the product once (also the first warm-up) and compares its corners with dot products. */
    private static void checkProduct(Session session, Placeholder<TFloat32> left, Placeholder<TFloat32> right,
            Operand<TFloat32> product, TFloat32 aTensor, TFloat32 bTensor, float[] a, float[] b, int n) {
        try (Result result = session.runner().feed(left, aTensor).feed(right, bTensor).fetch(product).run()) {
            TFloat32 c = (TFloat32) result.get(0);
            for (int[] ij : List.of(new int[] {0, 0}, new int[] {n - 1, n - 1}, new int[] {0, n - 1})) {
                double expected = 0;
                for (int k = 0; k < n; k++) {
                    expected += (double) a[ij[0] * n + k] * b[k * n + ij[1]];
                }
                float actual = c.getFloat(ij[0], ij[1]);
                if (Math.abs(actual - expected) > TOLERANCE * Math.max(1, Math.sqrt(n))) {
                    throw new IllegalStateException("TensorFlow MatMul gave " + actual + " at " + ij[0] + "," + ij[1]
                            + " where the dot product is " + expected + "; the measurement would be meaningless");
                }
            }
        }
    }

    private static float[] randomMatrix(int n, long seed) {
        Random random = new Random(seed);
        float[] m = new float[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextFloat() * 2 - 1;
        }
        return m;
    }

    static Map<String, Object> jsonFields(Measurement m) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("bench", "tf-matmul-peak");
        fields.put("tensorflow", TensorFlow.version());
        fields.put("n", m.n());
        fields.put("intra_op_threads", m.threads());
        fields.put("inter_op_threads", 1);
        fields.put("runs", m.runs());
        fields.put("median_seconds", m.medianSeconds());
        fields.put("best_seconds", m.bestSeconds());
        fields.put("gflop_per_s", Math.round(m.gflopPerSecond() * 100) / 100.0);
        fields.put("peak_rss_mb", Math.round(Rss.peakMb() * 10) / 10.0);
        return fields;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("MatMulPeak: " + e.getMessage()
                    + "\nusage: MatMulPeak [--n 3072] [--warmups 3] [--runs 7] [--report results.md]");
            System.exit(2);
            return;
        }
        Measurement m = measure(options.n(), options.warmups(), options.runs());
        Map<String, Object> fields = jsonFields(m);
        System.out.println(new ObjectMapper().writeValueAsString(fields));
        if (options.report() != null) {
            new BenchReport(options.report(), List.copyOf(fields.keySet())).append(List.copyOf(fields.values()));
        }
    }

    /** Command-line options; {@code report} is null when no results file is wanted. */
    record Options(int n, int warmups, int runs, Path report) {
        static Options parse(String[] args) {
            Options o = new Options(3072, 3, 7, null);
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String value = args[i + 1];
                o = switch (args[i]) {
                    case "--n" -> new Options(positive(args[i], value), o.warmups, o.runs, o.report);
                    case "--warmups" -> new Options(o.n, positive(args[i], value), o.runs, o.report);
                    case "--runs" -> new Options(o.n, o.warmups, positive(args[i], value), o.report);
                    case "--report" -> new Options(o.n, o.warmups, o.runs, Path.of(value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                };
            }
            return o;
        }

        private static int positive(String option, String value) {
            int v;
            try {
                v = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                v = 0;
            }
            if (v < 1) {
                throw new IllegalArgumentException(option + " needs a positive integer, got '" + value + "'");
            }
            return v;
        }
    }
}
