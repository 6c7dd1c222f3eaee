package org.probelab.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {
    private static final String GRIN = "\uD83D\uDE00";
    private static final String BEAMING = "\uD83D\uDE01";

    private final Vocab vocab = Vocab.of(List.of("[UNK]", "un", "##aff", "##able", "p", "##lay", "##in", "##g",
            "play", "##ing", "a", "##a", GRIN, "##" + GRIN, "x",
            BEAMING.substring(0, 1), "##" + BEAMING.substring(1)));
    private final WordPieceTokenizer wordPiece = new WordPieceTokenizer(vocab, "[UNK]");

    @Test
    void splitsIntoContinuationPieces() {
        assertEquals(List.of("un", "##aff", "##able"), wordPiece.tokenize("unaffable"));
    }

    @Test
    void takesTheLongestMatchingPieceFirst() {
        // p ##lay ##in ##g would also cover the word; greedy longest-first must pick play ##ing
        assertEquals(List.of("play", "##ing"), wordPiece.tokenize("playing"));
    }

    @Test
    void wordPiecesAreLookedUpWithoutPrefixOnlyAtTheStart() {
        // "aff" exists only as a continuation piece, so a word starting with it cannot be covered
        assertEquals(List.of("[UNK]"), wordPiece.tokenize("affable"));
    }

    @Test
    void unmatchedRemainderTurnsTheWholeWordIntoOneUnknown() {
        assertEquals(List.of("[UNK]"), wordPiece.tokenize("unaffablez"));
        assertEquals(List.of("[UNK]"), wordPiece.tokenize("zzz"));
    }

    @Test
    void wordOfExactlyTheLimitIsSplitButOneCodePointMoreIsUnknown() {
        List<String> hundred = new ArrayList<>();
        hundred.add("a");
        hundred.addAll(Collections.nCopies(99, "##a"));
        assertEquals(hundred, wordPiece.tokenize("a".repeat(WordPieceTokenizer.MAX_WORD_CODE_POINTS)));
        assertEquals(List.of("[UNK]"), wordPiece.tokenize("a".repeat(WordPieceTokenizer.MAX_WORD_CODE_POINTS + 1)));
    }

    @Test
    void lengthLimitCountsCodePointsNotChars() {
        // 60 emoji are 120 UTF-16 chars but only 60 code points, within the limit
        List<String> pieces = wordPiece.tokenize(GRIN.repeat(60));
        assertEquals(60, pieces.size());
        assertEquals(GRIN, pieces.get(0));
        assertEquals("##" + GRIN, pieces.get(59));
    }

    @Test
    void supplementaryCharactersAreNeverCutInHalf() {
        assertEquals(List.of("x", "##" + GRIN), wordPiece.tokenize("x" + GRIN));
        assertEquals(List.of(GRIN, "##a"), wordPiece.tokenize(GRIN + "a"));
        // the vocab holds both surrogate halves of BEAMING FACE as pieces; they must not be used
        assertEquals(List.of("[UNK]"), wordPiece.tokenize(BEAMING));
    }

    @Test
    void emptyWordHasNoPieces() {
        assertArrayEquals(new int[0], wordPiece.ids(""));
    }

    @Test
    void idsAreTheVocabularyIdsOfThePieces() {
        assertArrayEquals(new int[] {vocab.id("un"), vocab.id("##aff"), vocab.id("##able")}, wordPiece.ids("unaffable"));
        assertEquals(0, wordPiece.unknownId());
    }

    @Test
    void vocabularyWithoutTheUnknownTokenIsRejected() {
        VocabException e = assertThrows(VocabException.class, () -> new WordPieceTokenizer(Vocab.of(List.of("a")), "[UNK]"));
        assertTrue(e.getMessage().contains("[UNK]"), e.getMessage());
    }
}
