package org.probelab.train.mlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statistics of selective masks on a large sample whose words are marked at random. */
class SelectiveMaskingTest {
    private static final MaskTokens TOKENS = new MaskTokens(4, 30_000);
    private static final long SEED = 42;

    @TempDir
    Path dir;

    /** Marks whole words of {@code sequences}, each with probability {@code share}. */
    private static List<boolean[]> marks(List<PackedSequence> sequences, double share, long seed) {
        Random random = new Random(seed);
        List<boolean[]> out = new ArrayList<>();
        for (PackedSequence s : sequences) {
            boolean[] marked = new boolean[s.length()];
            for (int[] span : s.wordSpans()) {
                if (random.nextDouble() < share) {
                    Arrays.fill(marked, span[0], span[1], true);
                }
            }
            out.add(marked);
        }
        return out;
    }

    private SelectiveMasking policy(List<PackedSequence> sequences, List<boolean[]> marks) throws IOException {
        Path file = dir.resolve("marks-" + sequences.size() + "-" + marks.hashCode() + ".json");
        SequenceMarks.of(sequences, marks).write(file);
        return new SelectiveMasking(file.toString());
    }

    @Test
    void onlyMarkedSubwordsAreMaskedAtTheRateWithBertsSplit() throws IOException {
        List<PackedSequence> sample = MaskPolicyTest.sample(5000, 7);
        List<boolean[]> marks = marks(sample, 0.5, 1);
        SelectiveMasking policy = policy(sample, marks);
        long candidates = 0;
        long chosen = 0;
        long masked = 0;
        long unchanged = 0;
        long budgetMet = 0;
        for (PackedSequence s : sample) {
            MaskedSequence m = policy.mask(s, 0, 0, SEED, TOKENS);
            candidates += s.candidates();
            chosen += m.positions().length;
            long markedHere = 0;
            for (int p = 0; p < s.length(); p++) {
                markedHere += marks.get(s.index())[p] && s.words()[p] >= 0 ? 1 : 0;
            }
            budgetMet += m.positions().length < markedHere ? 1 : 0;
            for (int i = 0; i < m.positions().length; i++) {
                int p = m.positions()[i];
                assertTrue(marks.get(s.index())[p] && s.words()[p] >= 0, "unmarked position " + p + " of " + s.index());
                masked += m.inputIds()[p] == TOKENS.maskId() ? 1 : 0;
                unchanged += m.inputIds()[p] == s.ids()[p] ? 1 : 0;
            }
        }
        // Half the words are marked, so nearly every sequence fills its 15% from marked subwords.
        assertTrue(budgetMet > 0.95 * sample.size(), budgetMet + " sequences had more marks than their count");
        assertEquals(0.15, (double) chosen / candidates, 0.005);
        assertEquals(0.8, (double) masked / chosen, 0.01);
        assertEquals(0.1, (double) unchanged / chosen, 0.01);
        assertEquals(0.1, (double) (chosen - masked - unchanged) / chosen, 0.01);
    }

    @Test
    void withFewerMarksThanTheCountAllMarkedPositionsAndNothingElseAreMasked() throws IOException {
        int[] ids = new int[42];
        int[] words = new int[42];
        for (int p = 0; p < ids.length; p++) {
            ids[p] = 100 + p;
            words[p] = p == 0 || p == 41 ? -1 : p - 1;
        }
        PackedSequence s = new PackedSequence(0, "test", ids, words);
        boolean[] marked = new boolean[42];
        marked[0] = true; // [CLS]: never chosen, even when marked
        marked[7] = true;
        marked[30] = true;
        MaskedSequence m = policy(List.of(s), List.of(marked)).mask(s, 0, 0, SEED, TOKENS);
        assertArrayEquals(new int[] {7, 30}, m.positions());
        assertArrayEquals(new int[] {107, 130}, m.targets());
    }

    @Test
    void aFreshChoiceEveryEpochAndTheSameOnAResumedRun() throws IOException {
        List<PackedSequence> sample = MaskPolicyTest.sample(50, 3);
        SelectiveMasking policy = policy(sample, marks(sample, 0.8, 2));
        PackedSequence s = sample.get(7);
        assertArrayEquals(policy.mask(s, 1, 0, SEED, TOKENS).positions(), policy.mask(s, 1, 0, SEED, TOKENS).positions());
        boolean differs = false;
        for (PackedSequence t : sample) {
            differs |= !Arrays.equals(policy.mask(t, 0, 0, SEED, TOKENS).positions(),
                    policy.mask(t, 1, 0, SEED, TOKENS).positions());
        }
        assertTrue(differs, "epochs 0 and 1 chose the same positions everywhere");
    }

    @Test
    void marksComputedOnOtherTextAreRefused() throws IOException {
        List<PackedSequence> sample = MaskPolicyTest.sample(10, 3);
        SelectiveMasking policy = policy(sample, marks(sample, 0.5, 2));
        PackedSequence other = MaskPolicyTest.sample(10, 4).get(5);
        String message = assertThrows(IllegalArgumentException.class,
                () -> policy.mask(other, 0, 0, SEED, TOKENS)).getMessage();
        assertTrue(message.contains("were computed on other text than sequence 5"), message);
    }

    @Test
    void thePolicyIsANamedSerializableValue() throws IOException {
        ObjectMapper json = new ObjectMapper();
        MaskPolicy policy = new SelectiveMasking("runs/marks.json");
        String text = json.writeValueAsString(policy);
        assertTrue(text.contains("\"policy\":\"selective\""), text);
        assertEquals(policy, json.readValue(text, MaskPolicy.class));
        assertNotEquals(policy, new SelectiveMasking("runs/other.json"));
    }
}
