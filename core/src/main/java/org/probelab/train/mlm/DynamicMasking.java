package org.probelab.train.mlm;

import java.util.Arrays;
import java.util.SplittableRandom;

/** RoBERTa's dynamic masking (Liu et al. 2019, §4.1): a fresh mask every time a sequence is fed. */
public record DynamicMasking(MaskRule rule) implements MaskPolicy {
    public static final String NAME = "dynamic";

    public DynamicMasking() {
        this(MaskRule.BERT);
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
        return Arrays.copyOf(MaskPolicy.shuffledCandidates(sequence, random), count);
    }
}
