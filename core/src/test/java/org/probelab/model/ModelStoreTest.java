package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir
    Path dir;
    private Path cache;
    private Path vocab;
    private final BertConfig config = RandomWeights.tinyConfig();
    private final Weights weights = RandomWeights.of(config, 31);

    @BeforeEach
    void vocabulary() throws IOException {
        cache = dir.resolve("cache");
        vocab = dir.resolve("source-vocab.txt");
        Files.writeString(vocab, "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\na\n##s\ncat\ndog\nran\n");
    }

    @Test
    void savedModelLoadsBackIdenticalInBothLayouts() throws IOException {
        for (ModelSaver.Format format : ModelSaver.Format.values()) {
            Path out = dir.resolve(format.name());
            ModelSaver.save(config, vocab, false, weights, out, format);

            PretrainedModel loaded = ModelStore.load(out.toString(), cache);

            assertEquals(config, loaded.config(), format.name());
            assertFalse(loaded.lowerCase(), format.name());
            assertEquals(Files.readString(vocab), Files.readString(loaded.vocab()));
            assertEquals(weights.names().stream().sorted().toList(),
                    loaded.weights().names().stream().sorted().toList());
            for (String name : weights.names()) {
                assertArrayEquals(RandomWeights.values(weights.get(name)),
                        RandomWeights.values(loaded.weights().get(name)), format + " " + name);
            }
            assertEquals(WeightsChecksum.compute(weights), loaded.checksum(), "checksum is format independent");
        }
    }

    @Test
    void layoutIsDetectedByItsFiles() {
        ModelSaver.save(config, vocab, true, weights, dir.resolve("g"), ModelSaver.Format.TF_CHECKPOINT);
        ModelSaver.save(config, vocab, true, weights, dir.resolve("h"), ModelSaver.Format.SAFETENSORS);
        assertTrue(Files.exists(dir.resolve("g/bert_config.json")) && Files.exists(dir.resolve("g/bert_model.ckpt.index")));
        assertTrue(Files.exists(dir.resolve("h/config.json")) && Files.exists(dir.resolve("h/model.safetensors")));
        assertFalse(Files.exists(dir.resolve("h/bert_config.json")) || Files.exists(dir.resolve("g/config.json")));
    }

    @Test
    void directoryInNeitherLayoutListsWhatWasExpectedAndFound() throws IOException {
        Path odd = dir.resolve("odd");
        Files.createDirectories(odd);
        Files.writeString(odd.resolve("config.json"), "{}");
        Files.writeString(odd.resolve("pytorch_model.bin"), "x");
        WeightsException e = assertThrows(WeightsException.class, () -> ModelStore.load(odd.toString(), cache));
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("bert_model.ckpt.index")
                && e.getMessage().contains("pytorch_model.bin"), e.getMessage());
    }

    @Test
    void unknownIdIsReported() {
        WeightsException e = assertThrows(WeightsException.class,
                () -> ModelStore.load("bert-large-nonexistent", cache));
        assertTrue(e.getMessage().contains("bert-large-nonexistent") && e.getMessage().contains(EasyBert.ID));
    }

    @Test
    void weightsNotMatchingTheConfigNameTensorAndShapes() throws IOException {
        Path out = dir.resolve("model");
        ModelSaver.save(config, vocab, true, weights, out, ModelSaver.Format.SAFETENSORS);
        BertConfig wider = BertConfig.small(11, 12, 2, 2, 6);
        BertConfigJson.writeHf(wider, out.resolve("config.json"));
        WeightsException e = assertThrows(WeightsException.class, () -> ModelStore.load(out.toString(), cache));
        assertTrue(e.getMessage().contains("bert/embeddings/word_embeddings has shape [11, 8], the config needs [11, 12]"),
                e.getMessage());
    }

    @Test
    void anEncoderOnlyCheckpointLoadsWithAFreshMlmHeadAndItsOwnEncoder() throws IOException {
        Path out = hfDirectoryWithout(dir.resolve("encoder-only"), name -> name.startsWith("cls/predictions/"));

        PretrainedModel loaded = ModelStore.load(out.toString(), cache);

        loaded.weights().checkAgainst(config);
        for (String name : weights.names()) {
            if (!name.startsWith("cls/")) {
                assertArrayEquals(RandomWeights.values(weights.get(name)),
                        RandomWeights.values(loaded.weights().get(name)), name);
            }
        }
        float[] gamma = RandomWeights.values(loaded.weights().get(BertNames.MLM_TRANSFORM_LAYER_NORM + "/gamma"));
        assertEquals(1f, gamma[0], "fresh LayerNorm gamma");
    }

    @Test
    void aPartlyMissingMlmHeadIsStillAnError() throws IOException {
        Path out = hfDirectoryWithout(dir.resolve("half-head"), BertNames.MLM_OUTPUT_BIAS::equals);
        WeightsException e = assertThrows(WeightsException.class, () -> ModelStore.load(out.toString(), cache));
        assertTrue(e.getMessage().contains("missing tensor " + BertNames.MLM_OUTPUT_BIAS), e.getMessage());
    }

    /** An HF directory written by hand, as another tool would, lacking the tensors {@code dropped} names. */
    private Path hfDirectoryWithout(Path out, java.util.function.Predicate<String> dropped) throws IOException {
        Weights kept = new Weights("test");
        weights.names().stream().filter(dropped.negate()).forEach(n -> kept.put(weights.get(n)));
        Files.createDirectories(out);
        Safetensors.write(HfNames.toHf(kept), out.resolve(ModelStore.HF_WEIGHTS));
        BertConfigJson.writeHf(config, out.resolve(BertConfigJson.HF_FILE));
        Files.copy(vocab, out.resolve(ModelStore.VOCAB));
        return out;
    }

    @Test
    void saverRefusesIncompleteWeights() {
        Weights partial = new Weights("partial");
        weights.names().stream().filter(n -> !n.equals(BertNames.POOLER + "/kernel"))
                .forEach(n -> partial.put(weights.get(n)));
        WeightsException e = assertThrows(WeightsException.class,
                () -> ModelSaver.save(config, vocab, true, partial, dir.resolve("p"), ModelSaver.Format.SAFETENSORS));
        assertTrue(e.getMessage().contains("missing tensor bert/pooler/dense/kernel"), e.getMessage());
    }

    @Test
    void checksumIsReusedFromTheSidecarUntilTheWeightsChange() throws IOException {
        Path out = dir.resolve("model");
        ModelSaver.save(config, vocab, true, weights, out, ModelSaver.Format.SAFETENSORS);
        String first = ModelStore.load(out.toString(), cache).checksum();
        Path sidecar = onlyFile(cache.resolve("checksums"));
        // a forged sidecar is believed while the sources are unchanged: proof that it is what is read
        Files.writeString(sidecar, Files.readString(sidecar).replace(first, "f".repeat(64)));
        assertEquals("f".repeat(64), ModelStore.load(out.toString(), cache).checksum());

        Weights changed = RandomWeights.of(config, 32);
        ModelSaver.save(config, vocab, true, changed, out, ModelSaver.Format.SAFETENSORS);
        Files.setLastModifiedTime(out.resolve("model.safetensors"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        String recomputed = ModelStore.load(out.toString(), cache).checksum();
        assertEquals(WeightsChecksum.compute(changed), recomputed);
        assertNotEquals(first, recomputed);
    }

    @Test
    void checksumDependsOnValuesNotOnBufferKind() {
        Weights copy = new Weights("copy");
        for (String name : weights.names()) {
            WeightTensor t = weights.get(name);
            FloatBuffer direct = java.nio.ByteBuffer.allocateDirect((int) t.size() * 4).asFloatBuffer();
            direct.put(t.values().duplicate()).flip();
            copy.put(new WeightTensor(name, t.shape(), direct));
        }
        assertEquals(WeightsChecksum.compute(weights), WeightsChecksum.compute(copy));
        float[] tweaked = RandomWeights.values(weights.get(BertNames.MLM_OUTPUT_BIAS));
        tweaked[3] = Math.nextUp(tweaked[3]);
        copy.put(new WeightTensor(BertNames.MLM_OUTPUT_BIAS, new long[] {11}, FloatBuffer.wrap(tweaked)));
        assertNotEquals(WeightsChecksum.compute(weights), WeightsChecksum.compute(copy));
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Set<Path> all = Set.copyOf(files.toList());
            assertEquals(1, all.size());
            return all.iterator().next();
        }
    }
}
