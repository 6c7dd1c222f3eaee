package org.probelab.represent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.Progress;
import org.probelab.model.HiddenStates;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.data.Split;
import org.probelab.text.Tokenized;
import org.probelab.data.Word;

class PoolingTest {
    private static final float EXACT = 1e-3f;

    @TempDir
    Path cache;

    private final FakeTokenizer tokenizer = new FakeTokenizer();
    private final FakeEncoder encoder = new FakeEncoder(16);

    /** Lengths 3, 9, 1 and 4 subwords: bucketing encodes them out of data order. */
    private final Dataset data = Fixtures.dataset("data-1",
            List.of(Fixtures.chain("s1", "pos", "hello", "a", "world"),
                    Fixtures.chain("s2", "neg", "xy", "abcdef", "q", "zz", "long"),
                    Fixtures.chain("s3", "pos", "b")),
            List.of(Fixtures.chain("d1", "neg", "four", "five")),
            List.of());

    private Representations extract(Task task, ExtractionOptions options) throws IOException {
        return Extractor.extract(encoder, "fake", tokenizer, data, task, options, cache, Progress.NONE);
    }

    private static ExtractionOptions smallBatches() {
        return ExtractionOptions.DEFAULTS.withTokenBudget(24);
    }

    @Test
    void meanPoolingAveragesEachWordsSubwordsWithRowsInDataOrder() throws IOException {
        Representations reps = extract(Task.pos(), smallBatches());

        assertWordVectors(reps, WordPooling.MEAN);
    }

    @Test
    void firstPoolingTakesEachWordsFirstSubword() throws IOException {
        Representations reps = extract(Task.pos(), smallBatches().withWordPooling(WordPooling.FIRST));

        assertWordVectors(reps, WordPooling.FIRST);
    }

    private void assertWordVectors(Representations reps, WordPooling pooling) {
        assertArrayEquals(new int[] {0, 1, 2}, reps.layers());
        assertEquals(FakeEncoder.HIDDEN, reps.dim());
        for (Split split : Split.values()) {
            for (int layer : reps.layers()) {
                LabelledVectors vectors = reps.layer(split, layer);
                int row = 0;
                for (Sentence sentence : data.split(split)) {
                    Tokenized tokens = tokenizer.tokenize(sentence.forms());
                    for (int w = 0; w < sentence.length(); w++, row++) {
                        assertEquals("NOUN", vectors.labels().get(row));
                        assertArrayEquals(Expected.word(tokens, w, layer, pooling), Expected.row(vectors, row), EXACT,
                                sentence.id() + " word " + w + " layer " + layer);
                    }
                }
                assertEquals(row, vectors.rows());
            }
        }
    }

    @Test
    void bucketingEncodesShortSentencesFirstButReturnsDataOrder() throws IOException {
        Representations reps = extract(Task.word("form", 1), smallBatches());

        int[] firstEncoded = encoder.rows.get(0);
        int[] s3 = tokenizer.tokenize(List.of("b")).ids();
        assertArrayEquals(new int[] {FakeTokenizer.CLS, s3[0], FakeTokenizer.SEP}, firstEncoded,
                "the one-subword sentence s3 should be encoded first");
        assertEquals(List.of("hello", "a", "world", "xy", "abcdef", "q", "zz", "long", "b"),
                reps.labels(Split.TRAIN));
    }

    @Test
    void batchesStayWithinThePaddedTokenBudget() throws IOException {
        extract(Task.pos(), smallBatches());

        assertTrue(encoder.calls > 1, "a budget of 24 tokens needs several batches");
        encoder.paddedTokensPerCall.forEach(tokens -> assertTrue(tokens <= 24, tokens + " padded tokens"));
    }

    @Test
    void wordsLabelledUnderscoreAreSkippedAndCounted() throws IOException {
        Sentence partly = new Sentence("p1", "test.conllu:1", List.of(
                Fixtures.word(1, "the", "DET", 2, "det"),
                Fixtures.word(2, "cat", "_", 0, "root"),
                Fixtures.word(3, "sat", "VERB", 2, "_")), null);
        Dataset partial = Fixtures.dataset("data-2", List.of(partly), List.of(), List.of());

        Representations reps = Extractor.extract(encoder, "fake", tokenizer, partial, Task.pos(),
                ExtractionOptions.DEFAULTS, cache, Progress.NONE);

        assertEquals(List.of("DET", "VERB"), reps.labels(Split.TRAIN));
        assertEquals(1, reps.stats(Split.TRAIN).unlabelledSkipped());
        Tokenized tokens = tokenizer.tokenize(partly.forms());
        assertArrayEquals(Expected.word(tokens, 2, 1, WordPooling.MEAN), Expected.row(reps.layer(Split.TRAIN, 1), 1),
                EXACT, "the second row is the third word");
    }

    @Test
    void edgeVectorIsHeadThenDependentAndRootEdgesAreSkipped() throws IOException {
        Representations reps = extract(Task.dep(false), smallBatches());

        assertEquals(2 * FakeEncoder.HIDDEN, reps.dim());
        assertEquals(3, reps.stats(Split.TRAIN).rootEdgesSkipped(), "one root per sentence");
        LabelledVectors vectors = reps.layer(Split.TRAIN, 2);
        int row = 0;
        for (Sentence sentence : data.train()) {
            Tokenized tokens = tokenizer.tokenize(sentence.forms());
            for (int dependent = 1; dependent < sentence.length(); dependent++, row++) {
                int head = sentence.words().get(dependent).head() - 1;
                float[] expected = Expected.concat(Expected.word(tokens, head, 2, WordPooling.MEAN),
                        Expected.word(tokens, dependent, 2, WordPooling.MEAN));
                assertArrayEquals(expected, Expected.row(vectors, row), EXACT, sentence.id() + " edge to " + dependent);
                assertEquals("nmod", vectors.labels().get(row));
            }
        }
        assertEquals(row, vectors.rows());
    }

    @Test
    void edgeLabelsKeepSubtypesWhenAsked() throws IOException {
        Representations reps = extract(Task.dep(true), smallBatches());

        assertTrue(reps.labels(Split.TRAIN).stream().allMatch("nmod:poss"::equals), reps.labels(Split.TRAIN).toString());
    }

    @Test
    void clsSentencePoolingTakesTheClsVector() throws IOException {
        Representations reps = extract(Task.sentence(), smallBatches());

        LabelledVectors vectors = reps.layer(Split.TRAIN, 1);
        assertEquals(List.of("pos", "neg", "pos"), vectors.labels());
        for (int s = 0; s < data.train().size(); s++) {
            int rowLength = tokenizer.tokenize(data.train().get(s).forms()).length() + 2;
            assertArrayEquals(Expected.cls(1, rowLength), Expected.row(vectors, s), EXACT);
        }
    }

    @Test
    void meanSentencePoolingAveragesAllRealSubwords() throws IOException {
        Representations reps = extract(Task.sentence(), smallBatches().withSentencePooling(SentencePooling.MEAN));

        LabelledVectors vectors = reps.layer(Split.DEV, 0);
        int[] ids = tokenizer.tokenize(data.dev().get(0).forms()).ids();
        assertArrayEquals(Expected.meanOfPositions(ids, 0, 1, ids.length, 0), Expected.row(vectors, 0), EXACT);
    }

    @Test
    void sentencesWithoutLabelAreSkippedAndCounted() throws IOException {
        Dataset mixed = Fixtures.dataset("data-3",
                List.of(Fixtures.chain("a", null, "x"), Fixtures.chain("b", "yes", "yy", "zz")), List.of(), List.of());

        Representations reps = Extractor.extract(encoder, "fake", tokenizer, mixed, Task.sentence(),
                ExtractionOptions.DEFAULTS, cache, Progress.NONE);

        assertEquals(List.of("yes"), reps.labels(Split.TRAIN));
        assertEquals(1, reps.stats(Split.TRAIN).unlabelledSkipped());
        int labelledLength = tokenizer.tokenize(mixed.train().get(1).forms()).length() + 2;
        assertArrayEquals(Expected.cls(1, labelledLength), Expected.row(reps.layer(Split.TRAIN, 1), 0), EXACT,
                "the one row is the labelled sentence's vector");
    }

    @Test
    void onlyTheRequestedLayersAreStored() throws IOException {
        Representations reps = extract(Task.pos(), ExtractionOptions.DEFAULTS.withLayers(2, 0));

        assertArrayEquals(new int[] {0, 2}, reps.layers());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> reps.layer(Split.TRAIN, 1));
        assertTrue(missing.getMessage().contains("layer 1"), missing.getMessage());
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> extract(Task.pos(), ExtractionOptions.DEFAULTS.withLayers(3)));
        assertTrue(absent.getMessage().contains("0..2"), absent.getMessage());
    }

    @Test
    void progressReachesAllSentencesOfEachSplit() throws IOException {
        List<String> updates = new ArrayList<>();
        Extractor.extract(encoder, "fake", tokenizer, data, Task.pos(), smallBatches(), cache,
                (task, done, total) -> updates.add(task + " " + done + "/" + total));

        assertTrue(updates.contains("extract train 3/3"), updates.toString());
        assertTrue(updates.contains("extract dev 1/1"), updates.toString());
        assertNotEquals(-1, updates.indexOf("extract train 0/3"), updates.toString());
    }

    @Test
    void nonFiniteHiddenStatesFailNamingTheSentence() {
        FakeEncoder broken = new FakeEncoder(16) {
            @Override
            public HiddenStates encode(int[][] ids, int[] lengths, int[] layers) {
                HiddenStates states = super.encode(ids, lengths, layers);
                Arrays.fill(states.values()[0], Float.NaN);
                return states;
            }
        };
        Dataset one = Fixtures.dataset("data-4", List.of(Fixtures.chain("nan-sentence", null, "x")), List.of(),
                List.of());

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Extractor.extract(broken, "fake",
                tokenizer, one, Task.pos(), ExtractionOptions.DEFAULTS, cache, Progress.NONE));
        assertTrue(error.getMessage().contains("nan-sentence"), error.getMessage());
    }

    @Test
    void wrongWordCountFromTheTokenizerIsReported() {
        Word word = Fixtures.word(1, "x", "X", 0, "root");
        Dataset one = Fixtures.dataset("data-5",
                List.of(new Sentence("odd", "f:1", List.of(word, word), null)), List.of(), List.of());
        FakeTokenizer dropsWords = new FakeTokenizer() {
            @Override
            public Tokenized tokenize(List<String> words) {
                return super.tokenize(words.subList(0, 1));
            }
        };

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Extractor.extract(encoder,
                "fake", dropsWords, one, Task.pos(), ExtractionOptions.DEFAULTS, cache, Progress.NONE));
        assertTrue(error.getMessage().contains("odd"), error.getMessage());
    }
}
