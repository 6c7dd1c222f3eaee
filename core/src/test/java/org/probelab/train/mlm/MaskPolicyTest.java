package org.probelab.train.mlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Statistics of every mask policy on a large sample of sequences (20,000 sequences, about 1.5 million
 * subwords, words of 1–3 subwords): the masking rate, the 80/10/10 split, whole words, special tokens,
 * and which masks repeat across epochs.
 */
class MaskPolicyTest {
    private static final int VOCAB = 30_000;
    private static final int MASK = 4;
    private static final MaskTokens TOKENS = new MaskTokens(MASK, VOCAB);
    private static final long SEED = 42;
    private static final List<PackedSequence> SAMPLE = sample(20_000, 7);
    private static final List<MaskPolicy> POLICIES = List.of(new StaticMasking(), new DynamicMasking(),
            new WholeWordMasking());

    /** Sequences of 8–128 positions: [CLS], words of 1–3 subwords with ids in 5..VOCAB-1, sometimes a [SEP], [SEP]. */
    static List<PackedSequence> sample(int count, long seed) {
        Random random = new Random(seed);
        List<PackedSequence> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int length = 8 + random.nextInt(121);
            int[] ids = new int[length];
            int[] words = new int[length];
            ids[0] = 2;
            words[0] = -1;
            int word = 0;
            int p = 1;
            while (p < length - 1) {
                if (p > 1 && random.nextInt(20) == 0) {
                    ids[p] = 3;
                    words[p++] = -1;
                    continue;
                }
                int pieces = Math.min(1 + random.nextInt(3), length - 1 - p);
                for (int k = 0; k < pieces; k++, p++) {
                    ids[p] = 5 + random.nextInt(VOCAB - 5);
                    words[p] = word;
                }
                word++;
            }
            ids[length - 1] = 3;
            words[length - 1] = -1;
            out.add(new PackedSequence(s, "sample:" + s, ids, words));
        }
        return out;
    }

    @Test
    void everyPolicyMasksFifteenPercentSplitEightyTenTenAndNeverASpecialToken() {
        for (MaskPolicy policy : POLICIES) {
            long candidates = 0;
            long chosen = 0;
            long masked = 0;
            long unchanged = 0;
            for (PackedSequence s : SAMPLE) {
                MaskedSequence m = policy.mask(s, 0, 0, SEED, TOKENS);
                candidates += s.candidates();
                chosen += m.positions().length;
                for (int p = 0; p < s.length(); p++) {
                    if (s.words()[p] < 0) {
                        assertEquals(s.ids()[p], m.inputIds()[p], policy.name() + ": a special token was changed");
                    }
                }
                int previous = -1;
                for (int i = 0; i < m.positions().length; i++) {
                    int p = m.positions()[i];
                    assertTrue(p > previous && s.words()[p] >= 0, policy.name() + ": position " + p);
                    previous = p;
                    assertEquals(s.ids()[p], m.targets()[i]);
                    masked += m.inputIds()[p] == MASK ? 1 : 0;
                    unchanged += m.inputIds()[p] == s.ids()[p] ? 1 : 0;
                }
                long changedOutside = 0;
                for (int p = 0; p < s.length(); p++) {
                    changedOutside += m.inputIds()[p] != s.ids()[p] && Arrays.binarySearch(m.positions(), p) < 0 ? 1 : 0;
                }
                assertEquals(0, changedOutside, policy.name() + ": a position outside the mask was changed");
            }
            double rate = (double) chosen / candidates;
            // Whole words are skipped when they overshoot the count, so that policy may fall a little short.
            double tolerance = policy instanceof WholeWordMasking ? 0.006 : 0.002;
            assertEquals(0.15, rate, tolerance, policy.name() + " masking rate over " + candidates + " subwords");
            assertEquals(0.8, (double) masked / chosen, 0.005, policy.name() + " share of [MASK]");
            assertEquals(0.1, (double) unchanged / chosen, 0.005, policy.name() + " share unchanged");
            assertEquals(0.1, (double) (chosen - masked - unchanged) / chosen, 0.005, policy.name() + " share random");
        }
    }

    @Test
    void wholeWordMaskingMasksEverySubwordOfAChosenWordAndNoPartOfAnother() {
        MaskPolicy policy = new WholeWordMasking();
        long partial = 0;
        long multiPiece = 0;
        for (PackedSequence s : SAMPLE) {
            MaskedSequence m = policy.mask(s, 0, 0, SEED, TOKENS);
            boolean[] chosen = new boolean[s.length()];
            for (int p : m.positions()) {
                chosen[p] = true;
            }
            for (int p = 1; p < s.length(); p++) {
                if (s.words()[p] >= 0 && s.words()[p] == s.words()[p - 1]) {
                    partial += chosen[p] != chosen[p - 1] ? 1 : 0;
                    multiPiece += chosen[p] ? 1 : 0;
                }
            }
        }
        assertEquals(0, partial, "words masked in part");
        assertTrue(multiPiece > 10_000, "multi-subword words were chosen: " + multiPiece);
        long partialBySubword = 0;
        for (PackedSequence s : SAMPLE.subList(0, 2000)) {
            MaskedSequence m = new DynamicMasking().mask(s, 0, 0, SEED, TOKENS);
            boolean[] chosen = new boolean[s.length()];
            for (int p : m.positions()) {
                chosen[p] = true;
            }
            for (int p = 1; p < s.length(); p++) {
                partialBySubword += s.words()[p] >= 0 && s.words()[p] == s.words()[p - 1]
                        && chosen[p] != chosen[p - 1] ? 1 : 0;
            }
        }
        assertTrue(partialBySubword > 1000, "subword masking splits words: " + partialBySubword);
    }

    @Test
    void staticMasksRepeatEveryEpochAndDifferBetweenCopies() {
        StaticMasking policy = new StaticMasking();
        assertEquals(StaticMasking.DUPLICATES, policy.copies());
        int differentCopies = 0;
        for (PackedSequence s : SAMPLE.subList(0, 2000)) {
            for (int copy = 0; copy < policy.copies(); copy++) {
                MaskedSequence first = policy.mask(s, 0, copy, SEED, TOKENS);
                MaskedSequence later = policy.mask(s, 7, copy, SEED, TOKENS);
                assertArrayEquals(first.inputIds(), later.inputIds());
                assertArrayEquals(first.positions(), later.positions());
            }
            differentCopies += Arrays.equals(policy.mask(s, 0, 0, SEED, TOKENS).positions(),
                    policy.mask(s, 0, 1, SEED, TOKENS).positions()) ? 0 : 1;
        }
        assertTrue(differentCopies > 1900, "copies with their own mask: " + differentCopies + " of 2000");
    }

    @Test
    void dynamicMasksChangeEveryEpochAndAreAPureFunctionOfSeedEpochAndSequence() {
        for (MaskPolicy policy : List.of(new DynamicMasking(), new WholeWordMasking())) {
            assertEquals(1, policy.copies());
            int changed = 0;
            for (PackedSequence s : SAMPLE.subList(0, 2000)) {
                MaskedSequence epoch0 = policy.mask(s, 0, 0, SEED, TOKENS);
                assertArrayEquals(epoch0.inputIds(), policy.mask(s, 0, 0, SEED, TOKENS).inputIds());
                changed += Arrays.equals(epoch0.positions(), policy.mask(s, 1, 0, SEED, TOKENS).positions()) ? 0 : 1;
            }
            assertTrue(changed > 1900, policy.name() + ": sequences with a new mask in epoch 2: " + changed);
            PackedSequence s = SAMPLE.get(0);
            assertFalse(Arrays.equals(policy.mask(s, 0, 0, SEED, TOKENS).inputIds(),
                    policy.mask(s, 0, 0, SEED + 1, TOKENS).inputIds()), "another seed, another mask");
        }
    }

    @Test
    void policiesAreNamedSerializableValues() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<MaskPolicy> policies = List.of(new StaticMasking(new MaskRule(0.2, 0.8, 0.1), 4), new DynamicMasking(),
                new WholeWordMasking(new MaskRule(0.3, 1, 0)));
        for (MaskPolicy policy : policies) {
            String text = json.writeValueAsString(policy);
            assertTrue(text.contains("\"policy\":\"" + policy.name() + "\""), text);
            assertEquals(policy, json.readValue(text, MaskPolicy.class));
        }
        assertEquals("{\"policy\":\"static\",\"rule\":{\"rate\":0.15,\"toMask\":0.8,\"toRandom\":0.1},\"duplicates\":10}",
                json.writeValueAsString(new StaticMasking()));
    }

    @Test
    void aRateOutsideZeroToOneIsRefusedNamingTheField() {
        for (double rate : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new MaskRule(rate, 0.8, 0.1));
            assertTrue(e.getMessage().startsWith("maskRate must be between 0 and 1"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new MaskRule(0.15, 0.8, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new StaticMasking(MaskRule.BERT, 0));
    }
}
