package org.probelab.train.mlm;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Original BERT's masking (Devlin et al. 2019): masks are drawn once, the data is duplicated
 * {@code duplicates} times with a different mask on each copy, and every epoch sees the same copies
 * (BERT's {@code dupe_factor} = 10, as RoBERTa's static baseline).
 */
public record StaticMasking(MaskRule rule, int duplicates) implements MaskPolicy {
    public static final String NAME = "static";
    /** BERT's {@code dupe_factor}. */
    public static final int DUPLICATES = 10;

    public StaticMasking {
        if (duplicates < 1) {
            throw new IllegalArgumentException("static masking needs at least 1 duplicate, not " + duplicates);
        }
    }

    public StaticMasking() {
        this(MaskRule.BERT, DUPLICATES);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int copies() {
        return duplicates;
    }

    @Override
    public long draw(int epoch, int copy) {
        return copy;
    }

    @Override
    public int[] choose(PackedSequence sequence, int count, SplittableRandom random) {
        return Arrays.copyOf(MaskPolicy.shuffledCandidates(sequence, random), count);
    }
}
