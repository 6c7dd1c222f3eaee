package org.probelab.represent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.data.Split;

/**
 * A task's rows in a cache entry, stored beside the vectors: per split the gold labels and which stored
 * vectors make each row ({@code arity} of them for an edge: head then dependent; one otherwise).
 *
 * @param task   {@link Task#id()}
 * @param width  stored vectors per row
 * @param splits per split (lower-case name)
 */
record TaskRows(String task, int width, Map<String, SplitRows> splits) {

    /**
     * @param labels one per row, in data order
     * @param rows   {@code width} stored-vector indices per row; null when row i is stored vector i for
     *               every i (e.g. POS on a treebank whose words are all tagged), so it can be mapped as is
     */
    record SplitRows(List<String> labels, int[] rows, ExtractionStats stats) {
    }

    /**
     * Works out the rows of {@code task} on {@code data}, numbering stored vectors as extraction does: a
     * split's sentences in order, {@link Unit#rowsOf} vectors each.
     *
     * @throws IllegalArgumentException for a labelled sentence without words, or more vectors than an
     *                                  index can address
     */
    static TaskRows of(Task task, Dataset data) {
        Unit unit = task.unit();
        int width = Math.max(1, task.arity());
        Map<String, SplitRows> splits = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            List<String> labels = new ArrayList<>();
            int[] rows = new int[16];
            int used = 0;
            long stored = 0;
            long unlabelled = 0;
            long roots = 0;
            for (Sentence sentence : data.split(split)) {
                Task.SentenceTargets targets = task.targets(sentence);
                unlabelled += targets.unlabelledSkipped();
                roots += targets.rootEdgesSkipped();
                if (!targets.targets().isEmpty() && sentence.length() == 0) {
                    throw new IllegalArgumentException("sentence " + sentence.id() + " (" + sentence.source()
                            + ") has a label but no words; remove it from the data");
                }
                for (Task.Target target : targets.targets()) {
                    if (used + width > rows.length) {
                        rows = Arrays.copyOf(rows, rows.length * 2);
                    }
                    if (unit == Unit.SENTENCE) {
                        rows[used++] = index(stored);
                    } else {
                        for (int word : target.words()) {
                            rows[used++] = index(stored + word);
                        }
                    }
                    labels.add(target.label());
                }
                stored += unit.rowsOf(sentence.length());
            }
            int[] taskRows = Arrays.copyOf(rows, used);
            boolean identity = width == 1 && used == stored && isIdentity(taskRows);
            splits.put(Representations.name(split), new SplitRows(labels, identity ? null : taskRows,
                    new ExtractionStats(labels.size(), unlabelled, roots)));
        }
        return new TaskRows(task.id(), width, splits);
    }

    private static int index(long storedRow) {
        if (storedRow > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a split has more than " + Integer.MAX_VALUE
                    + " words, more than one layer's vectors can index; probe a part of the data");
        }
        return (int) storedRow;
    }

    private static boolean isIdentity(int[] rows) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != i) {
                return false;
            }
        }
        return true;
    }
}
