package org.probelab.represent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.Progress;
import org.probelab.data.Dataset;
import org.probelab.data.Split;

/** One cache entry per model snapshot and data: every task and layer subset reuses what is stored. */
class SharedEntryTest {
    @TempDir
    Path cache;

    private final FakeTokenizer tokenizer = new FakeTokenizer();
    private final Dataset data = Fixtures.dataset("data-1",
            List.of(Fixtures.chain("s1", "pos", "hello", "a", "world"), Fixtures.chain("s2", "neg", "xy", "abcdef")),
            List.of(Fixtures.chain("d1", "neg", "four", "five", "six")),
            List.of(Fixtures.chain("t1", "pos", "seven", "eight")));
    /** Extractions that had to run the encoder. */
    private int extractions;

    private Representations extract(FakeEncoder encoder, String model, Task task, ExtractionOptions options)
            throws IOException {
        int before = encoder.calls;
        Representations vectors = Extractor.extract(encoder, model, tokenizer, data, task, options, cache,
                Progress.NONE);
        extractions += encoder.calls > before ? 1 : 0;
        return vectors;
    }

    @Test
    void posThenDependenciesThenAnotherColumnExtractOnce() throws IOException {
        FakeEncoder encoder = new FakeEncoder(16);

        Representations pos = extract(encoder, "model", Task.pos(), ExtractionOptions.DEFAULTS);
        Representations dep = extract(encoder, "model", Task.dep(true), ExtractionOptions.DEFAULTS);
        Representations xpos = extract(encoder, "model", Task.xpos(), ExtractionOptions.DEFAULTS);

        assertEquals(1, extractions);
        assertEquals(pos.key(), dep.key());
        assertEquals(pos.key(), xpos.key());
        assertEquals(List.of("NOUNx", "NOUNx", "NOUNx"), xpos.labels(Split.DEV));
        assertEquals(List.of("nmod:poss", "nmod:poss"), dep.labels(Split.DEV));
    }

    @Test
    void anEdgeVectorIsTheStoredWordVectorsOfItsHeadAndDependent() throws IOException {
        FakeEncoder encoder = new FakeEncoder(16);
        LabelledVectors words = extract(encoder, "model", Task.pos(), ExtractionOptions.DEFAULTS).layer(Split.DEV, 2);
        LabelledVectors edges = extract(encoder, "model", Task.dep(false), ExtractionOptions.DEFAULTS)
                .layer(Split.DEV, 2);

        // d1 is a chain: word 2's head is word 1, word 3's head is word 2.
        assertArrayEquals(Expected.concat(Expected.row(words, 0), Expected.row(words, 1)), Expected.row(edges, 0));
        assertArrayEquals(Expected.concat(Expected.row(words, 1), Expected.row(words, 2)), Expected.row(edges, 1));
    }

    @Test
    void allLayersThenOneExtractsNothingAndOneThenAllOnlyTheRest() throws IOException {
        FakeEncoder encoder = new FakeEncoder(16);
        extract(encoder, "all-first", Task.pos(), ExtractionOptions.DEFAULTS);
        extract(encoder, "all-first", Task.pos(), ExtractionOptions.DEFAULTS.withLayers(1));
        assertEquals(1, extractions);

        FakeEncoder other = new FakeEncoder(16);
        Representations one = extract(other, "one-first", Task.pos(), ExtractionOptions.DEFAULTS.withLayers(1));
        assertArrayEquals(new int[] {1}, one.layers());
        int callsForLayerOne = other.calls;
        Representations all = extract(other, "one-first", Task.dep(false), ExtractionOptions.DEFAULTS);

        assertArrayEquals(new int[] {0, 1, 2}, all.layers());
        other.layersPerCall.subList(callsForLayerOne, other.calls)
                .forEach(layers -> assertArrayEquals(new int[] {0, 2}, layers, "layer 1 was stored already"));
    }

    @Test
    void anEntryDescribesWhatItHoldsForListings() throws IOException {
        Representations vectors = extract(new FakeEncoder(16), "tiny@0123456789abcdef", Task.pos(),
                ExtractionOptions.DEFAULTS.withLayers(0, 2));

        assertEquals("tiny@01234567 on fixture: word vectors, MEAN, FLOAT32, 2 of 3 layers",
                Representations.describe(vectors.directory()).orElseThrow());
        assertEquals(Optional.empty(), Representations.describe(cache));
    }

    @Test
    void threeStagesTimesThreeTasksExtractThreeTimes() throws IOException {
        for (String stage : List.of("pretrained", "fine-tuned-pos", "fine-tuned-dep")) {
            FakeEncoder snapshot = new FakeEncoder(16);
            for (Task task : List.of(Task.pos(), Task.dep(false), Task.xpos())) {
                extract(snapshot, stage, task, ExtractionOptions.DEFAULTS);
            }
        }

        assertEquals(3, extractions);
    }

    @Test
    void sentenceVectorsAndOtherPoolingsOrPrecisionsAreEntriesOfTheirOwn() throws IOException {
        FakeEncoder encoder = new FakeEncoder(16);
        Representations words = extract(encoder, "model", Task.pos(), ExtractionOptions.DEFAULTS);
        Representations sentences = extract(encoder, "model", Task.sentence(), ExtractionOptions.DEFAULTS);
        Representations first = extract(encoder, "model", Task.pos(),
                ExtractionOptions.DEFAULTS.withWordPooling(WordPooling.FIRST));
        Representations half = extract(encoder, "model", Task.pos(),
                ExtractionOptions.DEFAULTS.withPrecision(Precision.FLOAT16));

        assertEquals(4, extractions);
        assertEquals(4, List.of(words.key(), sentences.key(), first.key(), half.key()).stream().distinct().count());
        assertNotEquals(Expected.row(words.layer(Split.TRAIN, 1), 0)[0], Expected.row(first.layer(Split.TRAIN, 1), 0)[0]);
    }
}
