package org.probelab.train.selective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.probelab.text.Vocab;
import org.probelab.train.mlm.PackedSequence;
import org.probelab.train.mlm.SequenceMarks;

/** Selective masking leaves spaCy's English stop words unmasked, as Gu et al.'s mask generator does. */
class StopWordsTest {
    private static final Vocab VOCAB = Vocab.of(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "movie",
            "was", "great", "n", "'", "t", "bad", "them", "##e", "##s", "th"));

    @Test
    void theListIsSpacysEnglishOneAndIgnoresCase() {
        StopWords stop = StopWords.SPACY_ENGLISH;
        assertEquals(312, stop.size());
        for (String word : List.of("the", "The", "was", "n't", "'s", "however", "yourselves")) {
            assertTrue(stop.contains(word), word);
        }
        for (String word : List.of("movie", "great", "bad", "themes", "[UNK]")) {
            assertFalse(stop.contains(word), word);
        }
    }

    @Test
    void marksOfStopWordsAreDroppedWholeWordsReadBackFromTheirPieces() {
        // [CLS] the movie was n ' t bad th ##e ##s [SEP] the ##s [SEP]: words the, movie, was, n't, bad, thes, thes
        int[] ids = {2, 5, 6, 7, 9, 10, 11, 12, 16, 14, 15, 3, 5, 15, 3};
        int[] words = {-1, 0, 1, 2, 3, 3, 3, 4, 5, 5, 5, -1, 6, 6, -1};
        PackedSequence sequence = new PackedSequence(0, "test:1", ids, words);
        boolean[] everything = new boolean[ids.length];
        Arrays.fill(everything, true);
        SequenceMarks all = SequenceMarks.of(List.of(sequence), List.of(everything));

        SequenceMarks kept = StopWords.SPACY_ENGLISH.unmark(all, List.of(sequence), VOCAB);

        // movie (2), bad (7), "thes" spelt th ##e ##s (8-10) and "thes" spelt the ##s (12-13) stay; the, was, n't go.
        assertArrayEquals(new int[] {2, 7, 8, 9, 10, 12, 13}, kept.positions()[0]);
        assertArrayEquals(all.fingerprints(), kept.fingerprints());
    }
}
