package org.probelab.train.selective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Statistics of selective masks on a large sample. */
class SelectiveMaskingTest {
    private static final int MASK = 4;
    private static final int VOCAB = 30_000;

    @Test
    void onlyMarkedTokensAreMaskedAtTheRateWithBertsSplit() {
        Random data = new Random(1);
        Random random = new Random(2);
        long real = 0;
        long masked = 0;
        long asMask = 0;
        long unchanged = 0;
        long randomToken = 0;
        for (int s = 0; s < 2000; s++) {
            int length = 20 + data.nextInt(108);
            int[] ids = new int[length];
            boolean[] marked = new boolean[length];
            boolean[] special = new boolean[length];
            int realHere = 0;
            int markedHere = 0;
            for (int p = 0; p < length; p++) {
                ids[p] = 1000 + data.nextInt(20_000);
                special[p] = p == 0 || p == length - 1;
                marked[p] = data.nextDouble() < 0.5;
                realHere += special[p] ? 0 : 1;
                markedHere += marked[p] && !special[p] ? 1 : 0;
            }
            SelectiveMasking.Masked m = SelectiveMasking.apply(ids, marked, special, 0.15, MASK, VOCAB, random);
            assertEquals(Math.min(markedHere, Math.max(1, Math.round(0.15 * realHere))), m.positions().length,
                    "sentence " + s);
            for (int k = 0; k < m.positions().length; k++) {
                int p = m.positions()[k];
                assertTrue(marked[p] && !special[p], "position " + p + " of sentence " + s);
                assertEquals(ids[p], m.targets()[k]);
                asMask += m.input()[p] == MASK ? 1 : 0;
                unchanged += m.input()[p] == ids[p] ? 1 : 0;
                randomToken += m.input()[p] != MASK && m.input()[p] != ids[p] ? 1 : 0;
            }
            for (int p = 0; p < length; p++) {
                if (Arrays.binarySearch(m.positions(), p) < 0) {
                    assertEquals(ids[p], m.input()[p], "an unmasked position changed");
                }
            }
            real += realHere;
            masked += m.positions().length;
        }
        // Half the tokens are marked, so nearly every sentence has enough for its budget.
        assertEquals(0.15, (double) masked / real, 0.005);
        assertEquals(0.8, (double) asMask / masked, 0.01);
        assertEquals(0.1, (double) randomToken / masked, 0.01);
        assertEquals(0.1, (double) unchanged / masked, 0.01);
    }

    @Test
    void withFewerMarkedTokensThanTheBudgetAllMarkedOnesAndNothingElseAreMasked() {
        int[] ids = new int[42];
        boolean[] marked = new boolean[42];
        boolean[] special = new boolean[42];
        for (int p = 0; p < ids.length; p++) {
            ids[p] = 100 + p;
        }
        special[0] = true;
        special[41] = true;
        marked[0] = true;
        marked[7] = true;
        marked[30] = true;
        SelectiveMasking.Masked m = SelectiveMasking.apply(ids, marked, special, 0.15, MASK, VOCAB, new Random(3));
        assertArrayEquals(new int[] {7, 30}, m.positions());
        assertArrayEquals(new int[] {107, 130}, m.targets());
    }

    @Test
    void wordMarksCoverAllTheirSubwords() {
        boolean[] marks = SelectiveMasking.subwordMarks(new boolean[] {false, true, false, true},
                new int[] {0, 1, 3, 4}, new int[] {1, 3, 4, 6}, 8, 1);
        assertArrayEquals(new boolean[] {false, false, true, true, false, true, true, false}, marks);
    }
}
