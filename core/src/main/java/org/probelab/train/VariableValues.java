package org.probelab.train;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.probelab.model.Safetensors;
import org.probelab.model.WeightTensor;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Copies named variables of a session out to {@link WeightTensor}s and back in, for checkpoints and
 * the best-so-far weights. The assign ops are made once per variable, on first use.
 */
final class VariableValues {
    /** Values moved per session run (128 MB). */
    private static final long GROUP_FLOATS = 1L << 25;

    private final Session session;
    private final Ops tf;
    private final Map<String, Variable<TFloat32>> variables;
    private final Map<String, Placeholder<TFloat32>> feeds = new HashMap<>();
    private final Map<String, Assign<TFloat32>> assigns = new HashMap<>();
    private List<List<String>> groups;

    VariableValues(Session session, Ops tf, Map<String, Variable<TFloat32>> variables) {
        this.session = session;
        this.tf = tf.withSubScope("restore");
        this.variables = new LinkedHashMap<>(variables);
    }

    /**
     * The values of every variable, in order, on the heap. Read in fixed groups of about {@value #GROUP_FLOATS}
     * values: one session run per variable would cost TensorFlow a new executor for each, one run for all
     * would hold every value twice at once.
     */
    Map<String, WeightTensor> read() {
        Map<String, WeightTensor> out = new LinkedHashMap<>();
        try {
            readGroups(out::put);
        } catch (IOException e) {
            throw new AssertionError("putting into a map does no I/O", e);
        }
        return out;
    }

    /**
     * Writes every variable to a safetensors {@code file}, atomically, one group at a time: only one group's
     * values are on the heap at once (a BERT-base checkpoint with Adam's moments is 1.3 GB).
     */
    void save(Path file) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        variables.forEach((name, variable) -> shapes.put(name, variable.shape().asArray()));
        Safetensors.write(shapes, sink -> readGroups((name, tensor) -> sink.put(name, tensor.values())), file);
    }

    /** Hands each variable's values to {@code consumer}, in order, fetching a group per session run. */
    private void readGroups(TensorConsumer consumer) throws IOException {
        for (List<String> group : groups()) {
            Session.Runner runner = session.runner();
            group.forEach(name -> runner.fetch(variables.get(name)));
            try (Result result = runner.run()) {
                for (int i = 0; i < group.size(); i++) {
                    TFloat32 tensor = (TFloat32) result.get(i);
                    float[] values = new float[Math.toIntExact(tensor.size())];
                    tensor.copyTo(DataBuffers.of(values, false, false));
                    consumer.accept(group.get(i), new WeightTensor(group.get(i), tensor.shape().asArray(),
                            FloatBuffer.wrap(values)));
                }
            }
        }
    }

    /**
     * Assigns every given tensor to the variable of its name, in one session run per group of about
     * {@value #GROUP_FLOATS} values.
     *
     * @throws IllegalArgumentException naming {@code origin} and the tensor when one is unknown or misshapen
     */
    void write(Map<String, WeightTensor> values, String origin) {
        List<TFloat32> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            long size = 0;
            for (WeightTensor w : values.values()) {
                Variable<TFloat32> variable = variables.get(w.name());
                if (variable == null) {
                    throw new IllegalArgumentException(origin + " holds tensor " + w.name()
                            + ", which this training graph does not have");
                }
                if (!variable.shape().equals(Shape.of(w.shape()))) {
                    throw new IllegalArgumentException(origin + ": tensor " + w.name() + " has shape "
                            + w.shapeString() + ", the graph needs " + variable.shape());
                }
                float[] array = new float[Math.toIntExact(w.size())];
                w.values().duplicate().get(array);
                TFloat32 tensor = TFloat32.tensorOf(Shape.of(w.shape()), DataBuffers.of(array, true, false));
                fed.add(tensor);
                runner.feed(feed(w.name(), variable), tensor).addTarget(assigns.get(w.name()));
                size += w.size();
                if (size >= GROUP_FLOATS) {
                    runner.run();
                    fed.forEach(TFloat32::close);
                    fed.clear();
                    runner = session.runner();
                    size = 0;
                }
            }
            if (!fed.isEmpty()) {
                runner.run();
            }
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    /** The variables cut into consecutive groups of about {@value #GROUP_FLOATS} values, the same every time. */
    private List<List<String>> groups() {
        if (groups == null) {
            groups = new ArrayList<>();
            List<String> current = new ArrayList<>();
            long size = 0;
            for (Map.Entry<String, Variable<TFloat32>> e : variables.entrySet()) {
                current.add(e.getKey());
                size += e.getValue().shape().size();
                if (size >= GROUP_FLOATS) {
                    groups.add(current);
                    current = new ArrayList<>();
                    size = 0;
                }
            }
            if (!current.isEmpty()) {
                groups.add(current);
            }
        }
        return groups;
    }

    @FunctionalInterface
    private interface TensorConsumer {
        void accept(String name, WeightTensor tensor) throws IOException;
    }

    private Placeholder<TFloat32> feed(String name, Variable<TFloat32> variable) {
        return feeds.computeIfAbsent(name, n -> {
            Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(variable.shape()));
            assigns.put(n, tf.assign(variable, p));
            return p;
        });
    }
}
