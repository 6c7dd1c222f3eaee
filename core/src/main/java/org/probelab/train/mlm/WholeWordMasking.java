package org.probelab.train.mlm;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Whole-word masking (Google's BERT release of May 2019; Cui et al. 2019): words are chosen, and all subwords
 * of a chosen word are masked together. Words are taken in random order while they fit in the count (a word
 * that would overshoot it is skipped, as in BERT's {@code create_pretraining_data.py}); the [MASK]/random/
 * unchanged rule is then applied per subword. Dynamic: a fresh choice every epoch.
 */
public record WholeWordMasking(MaskRule rule) implements MaskPolicy {
    public static final String NAME = "whole-word";

    public WholeWordMasking() {
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
        int[] words = sequence.words();
        List<int[]> spans = new ArrayList<>();
        for (int p = 0; p < words.length; p++) {
            if (words[p] >= 0 && (p == 0 || words[p - 1] != words[p])) {
                int end = p;
                while (end < words.length && words[end] == words[p]) {
                    end++;
                }
                spans.add(new int[] {p, end});
            }
        }
        for (int i = spans.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int[] t = spans.get(i);
            spans.set(i, spans.get(j));
            spans.set(j, t);
        }
        int[] chosen = new int[count];
        int n = 0;
        for (int[] span : spans) {
            if (n + span[1] - span[0] <= count) {
                for (int p = span[0]; p < span[1]; p++) {
                    chosen[n++] = p;
                }
            }
            if (n == count) {
                break;
            }
        }
        return java.util.Arrays.copyOf(chosen, n);
    }
}
