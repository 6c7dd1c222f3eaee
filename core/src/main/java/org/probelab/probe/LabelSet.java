package org.probelab.probe;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The labels a probe can predict: the training labels, sorted, each with its class index. */
public record LabelSet(List<String> labels, Map<String, Integer> index) {
    public static final int UNSEEN = -1;

    public static LabelSet ofTraining(Collection<String> trainLabels) {
        List<String> sorted = List.copyOf(new TreeSet<>(trainLabels));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            index.put(sorted.get(i), i);
        }
        return new LabelSet(sorted, Map.copyOf(index));
    }

    public int size() {
        return labels.size();
    }

    /** Class indices of {@code gold}, {@link #UNSEEN} for labels never seen in training. */
    public int[] indices(List<String> gold) {
        int[] out = new int[gold.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index.getOrDefault(gold.get(i), UNSEEN);
        }
        return out;
    }
}
