package org.probelab.train.selective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.probelab.data.Sentence;
import org.probelab.data.Word;

/** Gu et al.'s left-to-right scoring on a classifier whose label one word decides. */
class ImportanceScorerTest {
    /** P(positive) is 0.95 with "great" in the words, 0.95 for negative with "awful", else 0.5. */
    private static final SentenceClassifier ONE_WORD_DECIDES = new SentenceClassifier() {
        @Override
        public List<String> labels() {
            return List.of("negative", "positive");
        }

        @Override
        public double[][] probabilities(List<List<String>> sentences) {
            List<double[]> out = new ArrayList<>();
            for (List<String> words : sentences) {
                double positive = words.contains("great") ? 0.95 : words.contains("awful") ? 0.05 : 0.5;
                out.add(new double[] {1 - positive, positive});
            }
            return out.toArray(double[][]::new);
        }
    };

    private static Sentence sentence(String label, String text) {
        return new Sentence(text, "test", Arrays.stream(text.split(" ")).map(Word::plain).toList(), label);
    }

    @Test
    void theDecidingWordIsImportantAndNothingElse() {
        ImportanceScores scores = new ImportanceScorer(ONE_WORD_DECIDES, ImportanceScorer.DEFAULT_DELTA).score(List.of(
                sentence("positive", "the food was great today"),
                sentence("negative", "service was awful and slow")));
        assertArrayEquals(new boolean[] {false, false, false, true, false}, scores.important().get(0));
        assertArrayEquals(new boolean[] {false, false, true, false, false}, scores.important().get(1));
        assertEquals(0.45, scores.drops().get(0)[0], 1e-12);
        assertEquals(0.0, scores.drops().get(0)[3], 1e-12);
        assertEquals(0.2, scores.importantShare(), 1e-12);
    }

    @Test
    void anImportantWordLeavesTheBufferSoTheWordsAfterItAreJudgedWithoutIt() {
        // Were "great" kept in the buffer, every later word would restore the full confidence too.
        ImportanceScores scores = new ImportanceScorer(ONE_WORD_DECIDES, 0.02).score(List.of(
                sentence("positive", "great food and great wine")));
        assertArrayEquals(new boolean[] {true, false, false, true, false}, scores.important().get(0));
    }

    @Test
    void sentencesTheClassifierGetsWrongOrCannotLabelAreNotScored() {
        ImportanceScores scores = new ImportanceScorer(ONE_WORD_DECIDES, 0.02).score(List.of(
                sentence("negative", "a great mistake"),
                sentence("neutral", "a great day"),
                sentence(null, "a great day"),
                sentence("positive", "great")));
        assertNull(scores.important().get(0));
        assertNull(scores.important().get(1));
        assertNull(scores.important().get(2));
        assertArrayEquals(new boolean[] {true}, scores.important().get(3));
        assertEquals(1, scores.scored());
    }

    @Test
    void deltaOutsideItsRangeIsNamed() {
        assertEquals("selective masking setting delta must be in (0, 1), got 0.0", assertThrows(
                IllegalArgumentException.class, () -> new ImportanceScorer(ONE_WORD_DECIDES, 0)).getMessage());
    }
}
