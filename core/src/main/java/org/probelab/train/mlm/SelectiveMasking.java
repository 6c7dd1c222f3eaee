package org.probelab.train.mlm;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Selective masking (Gu et al. 2020, "Train No Evil"): only the subwords of words a tagger marked
 * important to the task are masked ({@link SequenceMarks}, made by
 * {@code org.probelab.train.selective.ImportanceTagger#markSequences}). A sequence's count is the
 * rule's (15% of its subwords), filled with marked positions drawn at random; a sequence with fewer
 * marked positions masks all of them and nothing else, so the rule's rate is an upper bound. Dynamic:
 * a fresh choice among the marked positions every epoch.
 *
 * @param marks the marks file
 */
public record SelectiveMasking(MaskRule rule, String marks) implements MaskPolicy {
    public static final String NAME = "selective";

    public SelectiveMasking {
        if (marks == null || marks.isBlank()) {
            throw new IllegalArgumentException("selective masking needs the file of the tagger's marks");
        }
    }

    public SelectiveMasking(String marks) {
        this(MaskRule.BERT, marks);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long draw(int epoch, int copy) {
        return epoch;
    }

    @Override
    public int[] choose(PackedSequence sequence, int count, SplittableRandom random) {
        int[] marked = SequenceMarks.read(marks).of(sequence, marks).clone();
        MaskPolicy.shuffle(marked, random);
        return Arrays.copyOf(marked, Math.min(count, marked.length));
    }
}
