package org.probelab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaddedWorkTest {
    @Test
    void sumsRealPaddedAndSquaredPaddedTokensOverBatches() {
        PaddedWork work = new PaddedWork();
        work.addBatch(4, 10, 33);
        work.addBatch(2, 30, 55);
        assertEquals(2, work.batches());
        assertEquals(88, work.tokens());
        assertEquals(4 * 10 + 2 * 30, work.paddedTokens());
        assertEquals(4 * 10 * 10 + 2 * 30 * 30, work.paddedTokenSquares());
    }

    @Test
    void jsonFieldsUseTheKeysTheFlopFormulaReads() {
        PaddedWork work = new PaddedWork();
        work.addBatch(1, 5, 5);
        assertEquals(List.of("tokens", "batches", "padded_tokens", "padded_token_squares"),
                List.copyOf(work.jsonFields().keySet()));
    }

    @Test
    void moreRealTokensThanPaddedSlotsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PaddedWork().addBatch(2, 3, 7));
    }

    @Test
    void squaresDoNotOverflowIntArithmetic() {
        PaddedWork work = new PaddedWork();
        work.addBatch(100_000, 512, 1);
        assertEquals(100_000L * 512 * 512, work.paddedTokenSquares());
    }
}
