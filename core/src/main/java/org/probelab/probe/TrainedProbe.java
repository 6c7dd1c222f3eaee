package org.probelab.probe;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.probelab.represent.LabelledVectors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
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
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> rows = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, widths.get(0))));
            Operand<TFloat32> logits = ProbeNetwork.logits(tf, tf.expandDims(rows, tf.constant(0)),
                    constants(tf, 0), constants(tf, widths.size() - 1));
            Operand<TInt32> classes = tf.math.argMax(logits, tf.constant(2), TInt32.class);
            for (int start = 0; start < data.rows(); start += CHUNK) {
                int size = Math.min(CHUNK, data.rows() - start);
                FloatBuffer chunk = data.vectors().slice(start * data.dim(), size * data.dim());
                int[] best = new int[size];
                try (TFloat32 input = TFloat32.tensorOf(Shape.of(size, data.dim()), DataBuffers.of(chunk));
                     Result result = session.runner().feed(rows, input).fetch(classes).run()) {
                    ((TInt32) result.get(0)).copyTo(DataBuffers.of(best, false, false));
                }
                for (int c : best) {
                    predicted.add(labels.get(c));
                }
            }
        }
        return predicted;
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
