package org.probelab.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.probelab.represent.Task;
import org.probelab.text.Dataset;
import org.probelab.text.Sentence;
import org.probelab.text.Split;

/** The labels of a {@link ControlTask} for every item of every split, in the order of the cached vectors. */
public final class ControlLabels {
    private ControlLabels() {
    }

    /**
     * Control labels for {@code gold} (each split's task labels in data order, as the vectors were cached).
     *
     * @param data the data set the vectors were extracted from; word types are read from it
     * @throws IllegalArgumentException see {@link #requireApplicable}
     * @throws IllegalStateException    when {@code gold} does not line up with what {@code task} yields on {@code data}
     */
    public static Map<Split, List<String>> of(ControlTask control, Dataset data, Task task,
                                              Map<Split, List<String>> gold, long seed) {
        return switch (control) {
            case SHUFFLED_TOKENS -> shuffled(gold, seed);
            case WORD_TYPES -> byWordType(data, task, gold, seed);
        };
    }

    /**
     * Fails before any work when {@code control} cannot label {@code task}'s items.
     *
     * @throws IllegalArgumentException for the word-type control of a task without words (sentence labels)
     */
    public static void requireApplicable(ControlTask control, Task task) {
        if (control == ControlTask.WORD_TYPES && task.arity() == 0) {
            throw new IllegalArgumentException("the word-type control needs words, but task " + task.id()
                    + " labels whole sentences; use the shuffled-tokens control for it");
        }
    }

    private static Map<Split, List<String>> shuffled(Map<Split, List<String>> gold, long seed) {
        Random random = new Random(seed);
        Map<Split, List<String>> out = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            List<String> labels = new ArrayList<>(gold.get(split));
            Collections.shuffle(labels, random);
            out.put(split, List.copyOf(labels));
        }
        return out;
    }

    private static Map<Split, List<String>> byWordType(Dataset data, Task task, Map<Split, List<String>> gold,
                                                       long seed) {
        requireApplicable(ControlTask.WORD_TYPES, task);
        LabelDistribution distribution = new LabelDistribution(gold.get(Split.TRAIN));
        Map<String, String> typeLabels = new HashMap<>();
        Map<Split, List<String>> out = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            List<String> expected = gold.get(split);
            List<String> labels = new ArrayList<>(expected.size());
            for (Sentence sentence : data.split(split)) {
                for (Task.Target target : task.targets(sentence).targets()) {
                    int row = labels.size();
                    if (row >= expected.size() || !expected.get(row).equals(target.label())) {
                        throw misaligned(data, task, split, row, expected);
                    }
                    String type = wordType(sentence, target);
                    labels.add(typeLabels.computeIfAbsent(type, t -> distribution.draw(seed, t)));
                }
            }
            if (labels.size() != expected.size()) {
                throw misaligned(data, task, split, labels.size(), expected);
            }
            out.put(split, List.copyOf(labels));
        }
        return out;
    }

    /** The word forms of an item, space-separated: one for a word, head then dependent for an edge. */
    private static String wordType(Sentence sentence, Task.Target target) {
        StringBuilder type = new StringBuilder();
        for (int w : target.words()) {
            type.append(type.isEmpty() ? "" : " ").append(sentence.forms().get(w));
        }
        return type.toString();
    }

    private static IllegalStateException misaligned(Dataset data, Task task, Split split, int row,
                                                    List<String> expected) {
        return new IllegalStateException("the cached labels of " + split.name().toLowerCase(Locale.ROOT) + " (" + expected.size()
                + " items) do not line up with what task " + task.id() + " yields on data " + data.name()
                + " at item " + row + "; the cache entry belongs to other data - delete it and extract again");
    }

    /** The empirical label distribution of the training items, labels in sorted order. */
    private static final class LabelDistribution {
        private final List<String> labels;
        private final double[] cumulative;

        LabelDistribution(List<String> train) {
            if (train.isEmpty()) {
                throw new IllegalArgumentException("the control task draws labels from the training split, which is empty");
            }
            Map<String, Integer> counts = new TreeMap<>();
            train.forEach(label -> counts.merge(label, 1, Integer::sum));
            labels = List.copyOf(counts.keySet());
            cumulative = new double[labels.size()];
            double sum = 0;
            for (int i = 0; i < labels.size(); i++) {
                sum += counts.get(labels.get(i));
                cumulative[i] = sum / train.size();
            }
        }

        /**
         * A label for {@code type}, from a generator seeded by the seed and the type alone: a type gets the
         * same control label whatever else is in the data and in whichever order it is met.
         */
        String draw(long seed, String type) {
            double u = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + fnv1a(type)).nextDouble();
            for (int i = 0; i < cumulative.length - 1; i++) {
                if (u < cumulative[i]) {
                    return labels.get(i);
                }
            }
            return labels.get(labels.size() - 1);
        }

        private static long fnv1a(String text) {
            long hash = 0xcbf29ce484222325L;
            for (int i = 0; i < text.length(); i++) {
                hash ^= text.charAt(i);
                hash *= 0x100000001b3L;
            }
            return hash;
        }
    }
}
