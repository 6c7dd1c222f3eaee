package org.probelab.represent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.Progress;
import org.probelab.io.AtomicFiles;
import org.probelab.model.HiddenStates;
import org.probelab.data.Dataset;
import org.probelab.data.Split;

class CacheTest {
    @TempDir
    Path cache;

    private final FakeTokenizer tokenizer = new FakeTokenizer();
    private final FakeEncoder encoder = new FakeEncoder(16);
    private final Dataset data = Fixtures.dataset("data-1",
            List.of(Fixtures.chain("s1", null, "hello", "a", "world"), Fixtures.chain("s2", null, "xy", "abcdef")),
            List.of(Fixtures.chain("d1", null, "four", "five")),
            List.of(Fixtures.chain("t1", null, "six")));

    private Representations extract(FakeEncoder with, String encoderId, Dataset dataset, ExtractionOptions options)
            throws IOException {
        return Extractor.extract(with, encoderId, tokenizer, dataset, Task.pos(), options, cache, Progress.NONE);
    }

    private static float[] allValues(LabelledVectors vectors) {
        float[] values = new float[vectors.rows() * vectors.dim()];
        vectors.vectors().get(0, values);
        return values;
    }

    @Test
    void asecondExtractionWithTheSameKeyDoesNotCallTheEncoder() throws IOException {
        Representations first = extract(encoder, "fake", data, ExtractionOptions.DEFAULTS);
        int calls = encoder.calls;

        Representations second = extract(encoder, "fake", data, ExtractionOptions.DEFAULTS);

        assertTrue(calls > 0);
        assertEquals(calls, encoder.calls, "the cached entry is reused");
        assertEquals(first.key(), second.key());
        assertArrayEquals(allValues(first.layer(Split.DEV, 1)), allValues(second.layer(Split.DEV, 1)));
        assertEquals(first.labels(Split.TEST), second.labels(Split.TEST));
    }

    @Test
    void theSameWeightsUnderAnotherNameShareTheEntryOtherWeightsDoNot() throws IOException {
        Representations first = extract(encoder, "runs/a/stages/01-finetune-pos@sum1 vocab v1", data,
                ExtractionOptions.DEFAULTS);
        int calls = encoder.calls;

        Representations copy = extract(encoder, "runs/b/stages/01-finetune-pos@sum1 vocab v1", data,
                ExtractionOptions.DEFAULTS);
        assertEquals(calls, encoder.calls, "a snapshot with the same weights elsewhere reuses the entry");
        assertEquals(first.key(), copy.key());

        Representations other = extract(encoder, "runs/a/stages/01-finetune-pos@sum2 vocab v1", data,
                ExtractionOptions.DEFAULTS);
        assertNotEquals(first.key(), other.key());
        assertTrue(encoder.calls > calls, "other weights are extracted");
    }

    @Test
    void changingAnOptionTheModelOrTheDataGivesANewEntry() throws IOException {
        Representations base = extract(encoder, "fake", data, ExtractionOptions.DEFAULTS);
        int calls = encoder.calls;

        Representations otherOption = extract(encoder, "fake", data,
                ExtractionOptions.DEFAULTS.withWordPooling(WordPooling.FIRST));
        assertNotEquals(base.key(), otherOption.key());
        assertTrue(encoder.calls > calls, "a new entry is computed");

        Representations otherModel = extract(encoder, "fake-finetuned", data, ExtractionOptions.DEFAULTS);
        Dataset changed = Fixtures.dataset("data-2", data.train(), data.dev(), data.test());
        Representations otherData = extract(encoder, "fake", changed, ExtractionOptions.DEFAULTS);
        assertEquals(4, Stream.of(base, otherOption, otherModel, otherData).map(Representations::key).distinct().count());
        assertTrue(Files.isDirectory(base.directory()), "the old entry stays usable");
    }

    @Test
    void theBatchBudgetDoesNotChangeTheKey() throws IOException {
        Representations base = extract(encoder, "fake", data, ExtractionOptions.DEFAULTS);
        int calls = encoder.calls;

        Representations rebatched = extract(encoder, "fake", data, ExtractionOptions.DEFAULTS.withTokenBudget(4096));

        assertEquals(base.key(), rebatched.key());
        assertEquals(calls, encoder.calls);
    }

    @Test
    void anInterruptedExtractionLeavesNoPartialLayerFileAndIsRedone() throws IOException {
        FakeEncoder failing = new FakeEncoder(16) {
            @Override
            public HiddenStates encode(int[][] ids, int[] lengths, int[] layers) {
                if (calls == 1) {
                    throw new IllegalStateException("simulated crash");
                }
                return super.encode(ids, lengths, layers);
            }
        };
        ExtractionOptions oneSentencePerBatch = ExtractionOptions.DEFAULTS.withTokenBudget(16);
        assertThrows(IllegalStateException.class, () -> extract(failing, "fake", data, oneSentencePerBatch));
        Path entry;
        try (Stream<Path> entries = Files.list(cache)) {
            entry = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertFalse(Files.exists(entry.resolve("train.layer-00.f32")), "a layer file is there only once whole");
        assertThrows(IllegalArgumentException.class, () -> Representations.open(entry, Task.pos()).layer(Split.TRAIN, 0));

        Representations redone = extract(encoder, "fake", data, oneSentencePerBatch);

        assertEquals(entry, redone.directory());
        assertTrue(encoder.calls > 0, "the incomplete entry was recomputed, not trusted");
        try (Stream<Path> files = Files.list(entry)) {
            assertTrue(files.noneMatch(AtomicFiles::isTemporary), "no leftovers of the interrupted run");
        }
        int[] ids = tokenizer.tokenize(List.of("hello")).ids();
        assertArrayEquals(Expected.meanOfPositions(ids, 0, 1, ids.length, 1),
                Expected.row(redone.layer(Split.TRAIN, 1), 0), 1e-3f);
    }

    @Test
    void rowsReachTheLayerFileWhileTheNextBatchIsEncoded() throws IOException {
        List<Long> bytesWrittenBeforeCall = new ArrayList<>();
        FakeEncoder watching = new FakeEncoder(16) {
            @Override
            public HiddenStates encode(int[][] ids, int[] lengths, int[] layers) {
                bytesWrittenBeforeCall.add(partialLayerFileSize());
                return super.encode(ids, lengths, layers);
            }
        };
        String[] ninePieces = {"hello", "world", "abcdef"};
        Dataset three = Fixtures.dataset("data-3", List.of(Fixtures.chain("s1", null, ninePieces),
                Fixtures.chain("s2", null, ninePieces), Fixtures.chain("s3", null, ninePieces)), List.of(), List.of());

        extract(watching, "fake", three, ExtractionOptions.DEFAULTS.withTokenBudget(16));

        assertEquals(3, bytesWrittenBeforeCall.size(), "one sentence per batch");
        assertEquals(0L, bytesWrittenBeforeCall.get(0));
        assertTrue(bytesWrittenBeforeCall.get(2) > 0,
                "the first batch's rows were written at the latest while the second was encoded");
    }

    /** Size of the train layer-0 file still being written, 0 if none. */
    private long partialLayerFileSize() {
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(f -> AtomicFiles.isTemporary(f)
                            && f.getFileName().toString().startsWith(".train.layer-00.f32."))
                    .mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void float16VectorsMatchFloat32WithinHalfPrecision() throws IOException {
        Representations full = extract(encoder, "fake", data, ExtractionOptions.DEFAULTS);
        Representations half = extract(encoder, "fake", data,
                ExtractionOptions.DEFAULTS.withPrecision(Precision.FLOAT16));

        assertEquals(Precision.FLOAT16, half.precision());
        Path halfFile = half.directory().resolve("train.layer-02.f16");
        Path fullFile = full.directory().resolve("train.layer-02.f32");
        assertEquals(Files.size(fullFile), 2 * Files.size(halfFile));
        float[] exact = allValues(full.layer(Split.TRAIN, 2));
        float[] rounded = allValues(half.layer(Split.TRAIN, 2));
        for (int i = 0; i < exact.length; i++) {
            assertEquals(exact[i], rounded[i], Math.abs(exact[i]) * 0x1p-11f, "value " + i);
        }
    }

    @Test
    void aTruncatedLayerFileIsReportedWithWhatToDo() throws IOException {
        Representations reps = extract(encoder, "fake", data, ExtractionOptions.DEFAULTS);
        Path layerFile = reps.directory().resolve("dev.layer-00.f32");
        Files.write(layerFile, new byte[12]);

        Exception error = assertThrows(Exception.class, () -> reps.layer(Split.DEV, 0));
        assertTrue(error.getMessage().contains("dev.layer-00.f32"), error.getMessage());
        assertTrue(error.getMessage().contains("extract again"), error.getMessage());
    }
}
