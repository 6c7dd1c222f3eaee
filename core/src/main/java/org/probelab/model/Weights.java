package org.probelab.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tensors of a model under their canonical names ({@link BertNames}), in insertion order.
 * {@code origin} says where they came from (a file or an artifact), for error messages.
 */
public final class Weights {
    private final String origin;
    private final Map<String, WeightTensor> tensors = new LinkedHashMap<>();

    public Weights(String origin) {
        this.origin = origin;
    }

    public String origin() {
        return origin;
    }

    public void put(WeightTensor tensor) {
        tensors.put(tensor.name(), tensor);
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    public WeightTensor get(String name) {
        return tensors.get(name);
    }

    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    public Map<String, WeightTensor> asMap() {
        return Collections.unmodifiableMap(tensors);
    }

    /**
     * Checks that exactly the tensors a model of {@code config} needs are present with the right
     * shapes, naming every offending tensor and both shapes.
     */
    public void checkAgainst(BertConfig config) {
        Map<String, long[]> expected = BertNames.shapes(config);
        StringBuilder problems = new StringBuilder();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            WeightTensor t = tensors.get(e.getKey());
            if (t == null) {
                problems.append("\n  missing tensor ").append(e.getKey())
                        .append(" (expected shape ").append(Arrays.toString(e.getValue())).append(')');
            } else if (!Arrays.equals(t.shape(), e.getValue())) {
                problems.append("\n  tensor ").append(e.getKey()).append(" has shape ").append(t.shapeString())
                        .append(", the config needs ").append(Arrays.toString(e.getValue()));
            }
        }
        for (String name : tensors.keySet()) {
            if (!expected.containsKey(name)) {
                problems.append("\n  unexpected tensor ").append(name).append(' ')
                        .append(tensors.get(name).shapeString());
            }
        }
        if (!problems.isEmpty()) {
            throw new WeightsException("weights from " + origin + " do not fit the model config:" + problems);
        }
    }
}
