package org.probelab.train.selective;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The last step of selective masking (Gu et al. 2020): the masked LM masks the words the tagger marked,
 * and only those. A sequence gets a budget of round(rate × its real tokens) masked positions (at least
 * one), filled with marked subwords drawn at random; a sequence with fewer marked subwords than its
 * budget masks all of them and nothing else. Each masked position follows BERT's rule: 80% become
 * [MASK], 10% a random vocabulary token, 10% stay as they are; all of them are predicted.
 */
public final class SelectiveMasking {
    /** BERT's split of masked positions (Devlin et al. 2019): [MASK], then random token, the rest unchanged. */
    public static final double MASK_TOKEN_SHARE = 0.8;
    public static final double RANDOM_TOKEN_SHARE = 0.1;

    private SelectiveMasking() {
    }

    /**
     * A masked sequence.
     *
     * @param input     the ids fed to the model
     * @param positions the masked positions, ascending
     * @param targets   the original id at each masked position
     */
    public record Masked(int[] input, int[] positions, int[] targets) {
    }

    /**
     * Masks {@code ids}.
     *
     * @param marked  per position, whether the tagger marked its word
     * @param special per position, whether it is [CLS], [SEP] or padding: never masked, not counted
     */
    public static Masked apply(int[] ids, boolean[] marked, boolean[] special, double rate, int maskId,
                               int vocabSize, Random random) {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException("masking rate must be in (0, 1), got " + rate);
        }
        if (marked.length != ids.length || special.length != ids.length) {
            throw new IllegalArgumentException("marks for " + marked.length + " and " + special.length
                    + " positions given for " + ids.length + " ids");
        }
        int real = 0;
        List<Integer> candidates = new ArrayList<>();
        for (int p = 0; p < ids.length; p++) {
            if (!special[p]) {
                real++;
                if (marked[p]) {
                    candidates.add(p);
                }
            }
        }
        int budget = Math.max(1, (int) Math.round(rate * real));
        Collections.shuffle(candidates, random);
        List<Integer> chosen = new ArrayList<>(candidates.subList(0, Math.min(budget, candidates.size())));
        Collections.sort(chosen);
        int[] input = ids.clone();
        int[] positions = new int[chosen.size()];
        int[] targets = new int[chosen.size()];
        for (int k = 0; k < positions.length; k++) {
            int p = chosen.get(k);
            positions[k] = p;
            targets[k] = ids[p];
            double r = random.nextDouble();
            if (r < MASK_TOKEN_SHARE) {
                input[p] = maskId;
            } else if (r < MASK_TOKEN_SHARE + RANDOM_TOKEN_SHARE) {
                input[p] = random.nextInt(vocabSize);
            }
        }
        return new Masked(input, positions, targets);
    }

    /**
     * Word marks spread to the subword positions of a sequence: position {@code offset + k} is marked
     * when subword k belongs to a marked word.
     *
     * @param wordStart first subword of each word, {@code wordEnd} one past its last
     */
    public static boolean[] subwordMarks(boolean[] words, int[] wordStart, int[] wordEnd, int length, int offset) {
        boolean[] out = new boolean[length];
        for (int w = 0; w < words.length; w++) {
            if (words[w]) {
                for (int k = wordStart[w]; k < wordEnd[w] && offset + k < length; k++) {
                    out[offset + k] = true;
                }
            }
        }
        return out;
    }
}
