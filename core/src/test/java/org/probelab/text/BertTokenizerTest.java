package org.probelab.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertTokenizerTest {
    private static final List<String> TOKENS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
            "un", "##aff", "##able", "hello", "Hello", "don", "'", "t", ",", ".", "!", "the", "new", "york",
            "中", "文", "1", "##0", "a", "##a");
    private final Vocab vocab = Vocab.of(TOKENS);
    private final BertTokenizer uncased = new BertTokenizer(vocab, true);
    private final BertTokenizer cased = new BertTokenizer(vocab, false);

    private int id(String token) {
        return vocab.id(token);
    }

    @Test
    void freeTextBecomesBasicTokensSplitIntoWordPieces() {
        assertEquals(List.of("un", "##aff", "##able", ",", "don", "'", "t", "!"), uncased.tokenize("Unaffable, don't!"));
        assertEquals(List.of("中", "文", "hello", "1", "##0", "##0"), uncased.tokenize("中文Hello 100"));
    }

    @Test
    void idsAreTheVocabularyIdsOfTheTokens() {
        assertArrayEquals(new int[] {id("the"), id("new"), id("york"), id(".")}, uncased.ids("The New\u00A0York."));
    }

    @Test
    void uncasedFoldsCaseAndAccentsWhileCasedKeepsThem() {
        assertEquals(List.of("hello"), uncased.tokenize("HÉLLO"));
        assertEquals(List.of("Hello"), cased.tokenize("Hello"));
        assertEquals(List.of("[UNK]"), cased.tokenize("Héllo"));
    }

    @Test
    void wordsWithUnknownPiecesBecomeOneUnknownEach() {
        assertEquals(List.of("hello", "[UNK]", "the", "[UNK]"), uncased.tokenize("hello xyz the \uD83D\uDE00"));
    }

    @Test
    void overlongWordIsOneUnknown() {
        assertEquals(List.of("[UNK]", "the"), uncased.tokenize("a".repeat(101) + " the"));
        assertEquals(100, uncased.tokenize("a".repeat(100)).size());
    }

    @Test
    void specialTokensMapToTheirOwnIds() {
        assertArrayEquals(new int[] {id("[CLS]"), id("the"), id("[MASK]"), id("."), id("[SEP]")},
                uncased.ids("[CLS] the [MASK]. [SEP]"));
        assertEquals(List.of(2, 3, 0, 4, 1),
                List.of(uncased.clsId(), uncased.sepId(), uncased.padId(), uncased.maskId(), uncased.unkId()));
    }

    @Test
    void vocabularyLackingASpecialTokenIsRejectedByName() {
        List<String> withoutMask = new ArrayList<>(TOKENS);
        withoutMask.remove("[MASK]");
        VocabException e = assertThrows(VocabException.class, () -> new BertTokenizer(Vocab.of(withoutMask), true));
        assertTrue(e.getMessage().contains("[MASK]"), e.getMessage());
    }

    @Test
    void vocabFileLackingASpecialTokenIsRejectedWithItsPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vocab.txt");
        Files.writeString(file, "[PAD]\n[UNK]\n[CLS]\n[MASK]\nthe\n");
        VocabException e = assertThrows(VocabException.class, () -> BertTokenizer.fromVocabFile(file, true));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("[SEP]"), e.getMessage());
    }

    @Test
    void fromVocabFileTokenizesLikeTheSameVocabInMemory(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vocab.txt");
        Files.write(file, TOKENS);
        BertTokenizer fromFile = BertTokenizer.fromVocabFile(file, true);
        assertArrayEquals(uncased.ids("Unaffable, don't!"), fromFile.ids("Unaffable, don't!"));
    }

    @Test
    void alignmentGivesEachWordItsSubwordsInOrder() {
        Tokenized t = uncased.tokenize(List.of("Unaffable", ",", "don't", "[MASK]"));
        assertArrayEquals(new int[] {id("un"), id("##aff"), id("##able"), id(","), id("don"), id("'"), id("t"),
                id("[MASK]")}, t.ids());
        assertArrayEquals(new int[] {0, 3, 4, 7}, t.wordStart());
        assertArrayEquals(new int[] {3, 4, 7, 8}, t.wordEnd());
    }

    @Test
    void wordsThatYieldNothingGetOneUnknown() {
        List<String> words = List.of("", " ", "\u200B", "\u0007", "\u0301", "the");
        Tokenized t = uncased.tokenize(words);
        assertEquals(words.size(), t.words());
        for (int w = 0; w < 5; w++) {
            assertEquals(1, t.wordEnd()[w] - t.wordStart()[w], "word " + w);
            assertEquals(uncased.unkId(), t.ids()[t.wordStart()[w]], "word " + w);
        }
        assertEquals(id("the"), t.ids()[t.wordStart()[5]]);
    }

    @Test
    void spansCoverAllIdsContiguouslyAndMatchPerWordTokenization() {
        List<String> words = List.of("New York", "中文", "", "100!", "Héllo", "xyz", "a".repeat(150), "[CLS]");
        Tokenized t = uncased.tokenize(words);
        assertEquals(0, t.wordStart()[0]);
        assertEquals(t.length(), t.wordEnd()[words.size() - 1]);
        for (int w = 0; w < words.size(); w++) {
            assertTrue(t.wordEnd()[w] > t.wordStart()[w], "word " + w + " has no subword");
            if (w > 0) {
                assertEquals(t.wordEnd()[w - 1], t.wordStart()[w], "gap or overlap before word " + w);
            }
            int[] alone = uncased.ids(words.get(w));
            int[] span = Arrays.copyOfRange(t.ids(), t.wordStart()[w], t.wordEnd()[w]);
            assertArrayEquals(alone.length == 0 ? new int[] {uncased.unkId()} : alone, span, "word " + w);
        }
    }

    @Test
    void noWordsGiveAnEmptyAlignment() {
        Tokenized t = uncased.tokenize(List.of());
        assertEquals(0, t.length());
        assertEquals(0, t.words());
    }

    @Test
    void nullWordIsRejectedWithItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> uncased.tokenize(Arrays.asList("the", null)));
        assertTrue(e.getMessage().contains("word 1"), e.getMessage());
    }

    @Test
    void returnedIdsAreNotSharedWithLaterCalls() {
        int[] first = uncased.ids("unaffable");
        Arrays.fill(first, 0);
        assertArrayEquals(new int[] {id("un"), id("##aff"), id("##able")}, uncased.ids("unaffable"));
    }

    @Test
    void decodeGluesContinuationPiecesToThePreviousToken() {
        int[] ids = {id("[CLS]"), id("un"), id("##aff"), id("##able"), id("hello"), id("1"), id("##0"), id("[SEP]")};
        assertEquals("[CLS] unaffable hello 10 [SEP]", uncased.decode(ids));
        assertEquals("##aff", uncased.decode(new int[] {id("##aff")}));
        assertEquals("", uncased.decode(new int[0]));
    }

    @Test
    void decodeRejectsAnIdOutsideTheVocabulary() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> uncased.decode(new int[] {id("the"), 999}));
        assertTrue(e.getMessage().contains("999"), e.getMessage());
    }

    @Test
    void casedAndUncasedDifferOnlyWhereCaseOrAccentsMatter() {
        assertArrayEquals(uncased.ids("the new york ."), cased.ids("the new york ."));
        assertNotEquals(Arrays.toString(uncased.ids("The")), Arrays.toString(cased.ids("The")));
    }
}
