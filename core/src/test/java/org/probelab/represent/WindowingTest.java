package org.probelab.represent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.probelab.Progress;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.data.Split;
import org.probelab.text.Tokenized;

/**
 * Sentences longer than the encoder's window (here 8 tokens: 6 subwords plus [CLS] and [SEP]). The expected
 * vectors are derived from the rows the fake encoder actually received: each word must come from the row
 * in which it is farthest from an edge that cuts the sentence (ties: the earlier window).
 */
class WindowingTest {
    private static final int MAX_LENGTH = 8;
    private static final float EXACT = 1e-3f;

    @TempDir
    Path cache;

    private final FakeTokenizer tokenizer = new FakeTokenizer();
    private final FakeEncoder encoder = new FakeEncoder(MAX_LENGTH);

    /** 15 distinct words of 1–3 subwords (31 subwords in all), so every subword id occurs once. */
    private static Sentence longSentence(String label) {
        String[] forms = new String[15];
        for (int i = 0; i < forms.length; i++) {
            forms[i] = String.valueOf((char) ('a' + i)).repeat(1 + (i * 7) % 6);
        }
        return Fixtures.chain("long-1", label, forms);
    }

    private Representations extract(Sentence sentence, Task task, ExtractionOptions options) throws IOException {
        Dataset data = Fixtures.dataset("long-data", List.of(sentence), List.of(), List.of());
        return Extractor.extract(encoder, "fake", tokenizer, data, task, options, cache, Progress.NONE);
    }

    /** Where a word's vector must come from: a received row and the word's first position in it. */
    private record Placement(int[] row, int position) {
    }

    private Placement mostCentral(Tokenized tokens, int word) {
        int start = tokens.wordStart()[word];
        int end = tokens.wordEnd()[word];
        Placement best = null;
        long bestMargin = -1;
        for (int[] row : encoder.rows) {
            int windowStart = windowStart(tokens, row);
            int windowEnd = windowStart + row.length - 2;
            if (start < windowStart || start >= windowEnd) {
                continue;
            }
            long left = windowStart == 0 ? Long.MAX_VALUE : start - windowStart;
            long right = windowEnd == tokens.length() ? Long.MAX_VALUE : windowEnd - end;
            long margin = Math.min(left, right);
            if (margin > bestMargin) {
                best = new Placement(row, 1 + start - windowStart);
                bestMargin = margin;
            }
        }
        if (best == null) {
            fail("word " + word + " is in no encoded window");
        }
        return best;
    }

    /** The sentence offset of a row's first subword; also checks the row is an unsplit slice of words. */
    private static int windowStart(Tokenized tokens, int[] row) {
        int[] ids = tokens.ids();
        int start = Arrays.stream(tokens.wordStart()).filter(s -> ids[s] == row[1]).findFirst()
                .orElseThrow(() -> new AssertionError("window does not start at a word: " + Arrays.toString(row)));
        int end = start + row.length - 2;
        assertArrayEquals(Arrays.copyOfRange(ids, start, end), Arrays.copyOfRange(row, 1, row.length - 1));
        assertTrue(end == ids.length || Arrays.stream(tokens.wordStart()).anyMatch(s -> s == end),
                "window ends inside a word: " + Arrays.toString(row));
        return start;
    }

    @ParameterizedTest(name = "stride {0}")
    @ValueSource(ints = {ExtractionOptions.HALF_WINDOW, 1, 2, 6})
    void everyWordGetsItsVectorFromTheWindowWhereItIsMostCentral(int stride) throws IOException {
        Sentence sentence = longSentence(null);
        Representations reps = extract(sentence, Task.word("form", 1),
                ExtractionOptions.DEFAULTS.withWindowStride(stride).withTokenBudget(MAX_LENGTH));

        Tokenized tokens = tokenizer.tokenize(sentence.forms());
        assertTrue(encoder.rows.size() > 1, "31 subwords need several windows of 6");
        encoder.rows.forEach(row -> assertTrue(row.length <= MAX_LENGTH, Arrays.toString(row)));
        for (int layer : reps.layers()) {
            LabelledVectors vectors = reps.layer(Split.TRAIN, layer);
            assertEquals(sentence.forms(), vectors.labels(), "every word once, in order");
            for (int w = 0; w < sentence.length(); w++) {
                Placement placement = mostCentral(tokens, w);
                int pieces = tokens.wordEnd()[w] - tokens.wordStart()[w];
                float[] expected = Expected.meanOfPositions(placement.row(), placement.position(), placement.position(),
                        pieces, layer);
                assertArrayEquals(expected, Expected.row(vectors, w), EXACT, "word " + w + " layer " + layer);
            }
        }
    }

    @Test
    void clsOfALongSentenceIsTheMeanOfItsWindowsCls() throws IOException {
        Representations reps = extract(longSentence("topic"), Task.sentence(), ExtractionOptions.DEFAULTS);

        List<float[]> windowCls = new ArrayList<>();
        encoder.rows.forEach(row -> windowCls.add(Expected.cls(2, row.length)));
        assertTrue(windowCls.size() > 1);
        assertArrayEquals(Expected.mean(windowCls), Expected.row(reps.layer(Split.TRAIN, 2), 0), EXACT);
    }

    @Test
    void meanOfALongSentenceCountsEachSubwordOnceFromItsWordsWindow() throws IOException {
        Sentence sentence = longSentence("topic");
        Representations reps = extract(sentence, Task.sentence(),
                ExtractionOptions.DEFAULTS.withSentencePooling(SentencePooling.MEAN));

        Tokenized tokens = tokenizer.tokenize(sentence.forms());
        float[] sum = new float[FakeEncoder.HIDDEN];
        for (int w = 0; w < sentence.length(); w++) {
            Placement placement = mostCentral(tokens, w);
            int pieces = tokens.wordEnd()[w] - tokens.wordStart()[w];
            float[] mean = Expected.meanOfPositions(placement.row(), placement.position(), placement.position(), pieces, 1);
            for (int h = 0; h < sum.length; h++) {
                sum[h] += mean[h] * pieces / tokens.length();
            }
        }
        assertArrayEquals(sum, Expected.row(reps.layer(Split.TRAIN, 1), 0), EXACT);
    }

    @Test
    void aWordLongerThanAWindowIsAnErrorNamingTheSentence() {
        Sentence sentence = Fixtures.chain("too-long-word", null, "ok", "abcdefghijklmn");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> extract(sentence, Task.pos(), ExtractionOptions.DEFAULTS));
        assertTrue(error.getMessage().contains("too-long-word"), error.getMessage());
        assertTrue(error.getMessage().contains("word 2 has 7 subwords"), error.getMessage());
    }

    @Test
    void aStrideWiderThanTheWindowIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> extract(longSentence(null), Task.pos(), ExtractionOptions.DEFAULTS.withWindowStride(7)));
        assertTrue(error.getMessage().contains("windowStride 7"), error.getMessage());
    }
}
