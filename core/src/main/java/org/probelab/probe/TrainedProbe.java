package org.probelab.probe;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.probelab.represent.LabelledVectors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A trained probe: its parameters at the epoch of best dev accuracy, held in plain arrays, so it
 * owns no native resources; {@link #evaluate} builds and closes a small graph per call.
 */
public final class TrainedProbe {
    private static final int CHUNK = 8192;

    private final String subject;
    private final ProbeConfig config;
    private final List<String> labels;
    private final List<Integer> widths;
    private final List<float[]> parameters;
    private final double devAccuracy;
    private final TrainingOutcome training;

    TrainedProbe(String subject, ProbeConfig config, List<String> labels, List<Integer> widths,
                 List<float[]> parameters, double devAccuracy, TrainingOutcome training) {
        this.subject = subject;
        this.config = config;
        this.labels = List.copyOf(labels);
        this.widths = List.copyOf(widths);
        this.parameters = List.copyOf(parameters);
        this.devAccuracy = devAccuracy;
        this.training = training;
    }

    /** The same probe with its dev accuracy set (for probes whose training does not score dev itself). */
    TrainedProbe withDevAccuracy(double accuracy) {
        return new TrainedProbe(subject, config, labels, widths, parameters, accuracy, training);
    }

    /** The same parameters under another config that trains to them (a linear probe's seeds). */
    TrainedProbe withConfig(ProbeConfig other) {
        return new TrainedProbe(subject, other, labels, widths, parameters, devAccuracy, training);
    }

    public ProbeConfig config() {
        return config;
    }

    /** The labels it can predict: the sorted training labels. */
    public List<String> labels() {
        return labels;
    }

    /** Dev accuracy at the kept epoch. */
    public double devAccuracy() {
        return devAccuracy;
    }

    /** How its training ended: the epoch kept, the epochs trained, whether the budget ran out. */
    public TrainingOutcome training() {
        return training;
    }

    /** Its config with its dev accuracy and training outcome, as a search reports it. */
    public GridPoint point() {
        return new GridPoint(config, devAccuracy, training);
    }

    public Evaluation evaluate(LabelledVectors data) {
        return Evaluation.of(labels, data.labels(), predict(data));
    }

    /** The predicted label of every row of {@code data}. */
    public List<String> predict(LabelledVectors data) {
        InputChecks.requireUsable(subject, "evaluated", data, widths.get(0));
        List<String> predicted = new ArrayList<>(data.rows());
        forward(data, (tf, logits) -> tf.math.argMax(logits, tf.constant(2), TInt32.class), (start, size, fetched) -> {
            int[] best = new int[size];
            ((TInt32) fetched).copyTo(DataBuffers.of(best, false, false));
            for (int c : best) {
                predicted.add(labels.get(c));
            }
        });
        return predicted;
    }

    /**
     * The bits needed to transmit the gold labels of {@code data} with this probe's predicted distribution:
     * Σ −log₂ p(gold | vector), the cost of one block of an online code (Voita & Titov 2020).
     *
     * @throws IllegalArgumentException when a gold label is not one the probe can predict (it would cost
     *                                  infinitely many bits)
     */
    public double codelength(LabelledVectors data) {
        InputChecks.requireUsable(subject, "coded", data, widths.get(0));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int[] gold = new int[data.rows()];
        for (int i = 0; i < gold.length; i++) {
            Integer c = index.get(data.labels().get(i));
            if (c == null) {
                throw new IllegalArgumentException("row " + i + " of " + subject + " has label '" + data.labels().get(i)
                        + "', which this probe cannot predict (it knows " + labels + "); train it with every label");
            }
            gold[i] = c;
        }
        double[] nats = new double[1];
        int k = labels.size();
        forward(data, (tf, logits) -> tf.nn.logSoftmax(logits), (start, size, fetched) -> {
            float[] values = new float[size * k];
            ((TFloat32) fetched).copyTo(DataBuffers.of(values, false, false));
            for (int i = 0; i < size; i++) {
                nats[0] -= values[i * k + gold[start + i]];
            }
        });
        return nats[0] / Math.log(2);
    }

    /** What one chunk of the forward pass yields: rows {@code start .. start + size} of the fetched head. */
    private interface ChunkOutput {
        void accept(int start, int size, Tensor fetched);
    }

    /** Runs the probe over {@code data} in chunks; {@code head} turns the logits into what each chunk fetches. */
    private void forward(LabelledVectors data, BiFunction<Ops, Operand<TFloat32>, Operand<?>> head, ChunkOutput output) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> rows = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, widths.get(0))));
            Operand<TFloat32> logits = ProbeNetwork.logits(tf, tf.expandDims(rows, tf.constant(0)),
                    constants(tf, 0), constants(tf, widths.size() - 1));
            Operand<?> fetched = head.apply(tf, logits);
            for (int start = 0; start < data.rows(); start += CHUNK) {
                int size = Math.min(CHUNK, data.rows() - start);
                FloatBuffer chunk = data.vectors().slice(start * data.dim(), size * data.dim());
                try (TFloat32 input = TFloat32.tensorOf(Shape.of(size, data.dim()), DataBuffers.of(chunk));
                     Result result = session.runner().feed(rows, input).fetch(fetched).run()) {
                    output.accept(start, size, result.get(0));
                }
            }
        }
    }

    /** Kernels (from parameter 0) or biases (from parameter {@code layers}) as {@code [1, in|1, out]} constants. */
    private List<Operand<TFloat32>> constants(Ops tf, int first) {
        int layers = widths.size() - 1;
        List<Operand<TFloat32>> out = new ArrayList<>();
        for (int layer = 0; layer < layers; layer++) {
            long in = first == 0 ? widths.get(layer) : 1;
            out.add(tf.constant(Shape.of(1, in, widths.get(layer + 1)),
                    DataBuffers.of(parameters.get(first + layer), true, false)));
        }
        return out;
    }
}
