package org.probelab.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A probe's predictions scored against gold labels. {@code labels} indexes both axes of
 * {@code confusion} (row = gold, column = predicted): the training labels first, then the gold labels
 * never seen in training ({@code unseenLabels}, with their counts), which always count as errors.
 * Macro-F1 averages over the labels that occur in gold or in the predictions.
 */
public record Evaluation(int n, double accuracy, double macroF1, List<String> labels, int[][] confusion,
                         Map<String, Integer> unseenLabels) {

    public Evaluation {
        labels = List.copyOf(labels);
        confusion = deepCopy(confusion);
        unseenLabels = Map.copyOf(unseenLabels);
    }

    @Override
    public int[][] confusion() {
        return deepCopy(confusion);
    }

    /** How many gold labels were never seen in training. */
    public int unseenCount() {
        return unseenLabels.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Scores {@code predicted} against {@code gold} (same length, at least one row); {@code known} are
     * the labels the probe could predict.
     */
    public static Evaluation of(List<String> known, List<String> gold, List<String> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold labels but " + predicted.size() + " predictions");
        }
        if (gold.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate: the split has no rows");
        }
        Map<String, Integer> unseen = new TreeMap<>();
        for (String label : gold) {
            if (!known.contains(label)) {
                unseen.merge(label, 1, Integer::sum);
            }
        }
        List<String> labels = new ArrayList<>(new LinkedHashSet<>(known));
        labels.addAll(unseen.keySet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int[][] confusion = new int[labels.size()][labels.size()];
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            Integer p = index.get(predicted.get(i));
            if (p == null) {
                throw new IllegalArgumentException("prediction '" + predicted.get(i) + "' at row " + i
                        + " is not one of the known labels " + known);
            }
            int g = index.get(gold.get(i));
            confusion[g][p]++;
            correct += g == p ? 1 : 0;
        }
        return new Evaluation(gold.size(), (double) correct / gold.size(), macroF1(confusion), labels, confusion,
                unseen);
    }

    private static double macroF1(int[][] confusion) {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < confusion.length; c++) {
            int truePositives = confusion[c][c];
            int goldCount = 0;
            int predictedCount = 0;
            for (int k = 0; k < confusion.length; k++) {
                goldCount += confusion[c][k];
                predictedCount += confusion[k][c];
            }
            if (goldCount == 0 && predictedCount == 0) {
                continue;
            }
            present++;
            double precision = predictedCount == 0 ? 0 : (double) truePositives / predictedCount;
            double recall = goldCount == 0 ? 0 : (double) truePositives / goldCount;
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return sum / present;
    }

    private static int[][] deepCopy(int[][] matrix) {
        int[][] copy = new int[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
