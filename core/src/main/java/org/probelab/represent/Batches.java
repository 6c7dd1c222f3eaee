package org.probelab.represent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Groups segments of similar length into batches whose padded size stays within a token budget. */
final class Batches {
    private Batches() {
    }

    /**
     * Sorts by length (then data order) and fills each batch while rows × padded row length (with
     * [CLS] and [SEP]) fits {@code tokenBudget}; a segment alone over budget still gets its own batch.
     */
    static List<List<Segment>> plan(List<Segment> segments, int tokenBudget) {
        List<Segment> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.comparingInt(Segment::sortLength)
                .thenComparingInt(Segment::sentence)
                .thenComparingInt(Segment::window));
        List<List<Segment>> batches = new ArrayList<>();
        List<Segment> current = new ArrayList<>();
        int longest = 0;
        for (Segment segment : sorted) {
            int padded = Math.max(longest, segment.length()) + 2;
            if (!current.isEmpty() && (long) (current.size() + 1) * padded > tokenBudget) {
                batches.add(current);
                current = new ArrayList<>();
                longest = 0;
            }
            current.add(segment);
            longest = Math.max(longest, segment.length());
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
