package org.probelab.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

class TfCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void writtenCheckpointReadsBackBitForBit() {
        BertConfig config = RandomWeights.tinyConfig();
        Weights original = RandomWeights.of(config, 1);
        Path prefix = dir.resolve("model.ckpt");
        TfCheckpoint.write(original, prefix);

        TfCheckpoint.Contents back = TfCheckpoint.open(prefix, true);
        back.weights().checkAgainst(config);
        for (String name : original.names()) {
            assertArrayEquals(original.get(name).shape(), back.weights().get(name).shape(), name);
            assertArrayEquals(RandomWeights.values(original.get(name)), RandomWeights.values(back.weights().get(name)),
                    name);
        }
        assertEquals(List.of(), back.skipped());
    }

    @Test
    void tensorFlowRestoresTheWrittenCheckpoint() {
        Weights original = RandomWeights.of(RandomWeights.tinyConfig(), 2);
        Path prefix = dir.resolve("model.ckpt");
        TfCheckpoint.write(original, prefix);

        String[] names = {BertNames.WORD_EMBEDDINGS, BertNames.layer(1) + "/intermediate/dense/kernel",
            BertNames.MLM_OUTPUT_BIAS};
        List<float[]> restored = TfRestore.restore(prefix, names);
        for (int i = 0; i < names.length; i++) {
            assertArrayEquals(RandomWeights.values(original.get(names[i])), restored.get(i), names[i]);
        }
    }

    @Test
    void writingLeavesNoTempFilesBehind() throws IOException {
        TfCheckpoint.write(RandomWeights.of(RandomWeights.tinyConfig(), 3), dir.resolve("model.ckpt"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("model.ckpt.data-00000-of-00001", "model.ckpt.index"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void tensorFlowWrittenCheckpointLosesModuleScopeAndSkipsTrainingState() {
        Path prefix = dir.resolve("tf.ckpt");
        Random random = new Random(4);
        float[] bias = new float[] {1.5f, -2f, 0.25f};
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            String[] keys = {"module/bert/pooler/dense/bias", "module/bert/pooler/dense/bias/adam_m",
                "module/cls/seq_relationship/output_bias", "global_step", "module/extra_float"};
            List<Operand<?>> values = List.of(tf.constant(bias), tf.constant(new float[] {0f, 0f, 0f}),
                    tf.constant(new float[] {random.nextFloat(), random.nextFloat()}), tf.constant(7L),
                    tf.constant(new float[] {9f}));
            String[] slices = new String[keys.length];
            Arrays.fill(slices, "");
            s.run(tf.train.save(tf.constant(prefix.toString()), tf.constant(UTF_8, keys), tf.constant(UTF_8, slices),
                    values));
        }

        TfCheckpoint.Contents contents = TfCheckpoint.open(prefix, true);
        assertEquals(List.of("bert/pooler/dense/bias", "extra_float"), contents.weights().names());
        assertArrayEquals(bias, RandomWeights.values(contents.weights().get("bert/pooler/dense/bias")));
        assertEquals(List.of("global_step", "module/bert/pooler/dense/bias/adam_m",
                "module/cls/seq_relationship/output_bias"), contents.skipped().stream().sorted().toList());
    }

    @Test
    void nonFloatModelTensorIsAnErrorNamingIt() {
        Path prefix = dir.resolve("int.ckpt");
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            s.run(tf.train.save(tf.constant(prefix.toString()), tf.constant(UTF_8, new String[] {"bert/pooler/dense/bias"}),
                    tf.constant(UTF_8, new String[] {""}), List.of(tf.constant(new int[] {1, 2}))));
        }
        WeightsException e = assertThrows(WeightsException.class, () -> TfCheckpoint.read(prefix));
        assertTrue(e.getMessage().contains("bert/pooler/dense/bias") && e.getMessage().contains("DT_INT32"),
                e.getMessage());
    }

    @Test
    void truncatedIndexIsReportedWithTheFileName() throws IOException {
        Path prefix = writeTiny();
        Path index = TfCheckpoint.sibling(prefix, ".index");
        byte[] bytes = Files.readAllBytes(index);
        Files.write(index, Arrays.copyOf(bytes, bytes.length - 10));
        WeightsException e = assertThrows(WeightsException.class, () -> TfCheckpoint.read(prefix));
        assertTrue(e.getMessage().contains(index.toString()) && e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void badMagicIsRejected() throws IOException {
        Path prefix = writeTiny();
        Path index = TfCheckpoint.sibling(prefix, ".index");
        byte[] bytes = Files.readAllBytes(index);
        bytes[bytes.length - 1] ^= 0x55;
        Files.write(index, bytes);
        WeightsException e = assertThrows(WeightsException.class, () -> TfCheckpoint.read(prefix));
        assertTrue(e.getMessage().contains("bad table magic"), e.getMessage());
    }

    @Test
    void compressedBlockIsRejectedClearly() throws IOException {
        Path prefix = writeTiny();
        Path index = TfCheckpoint.sibling(prefix, ".index");
        byte[] bytes = Files.readAllBytes(index);
        int dataBlockSize = firstBlockSize(bytes);
        bytes[dataBlockSize] = 1; // the data block's trailer: compression type 1 = Snappy
        Files.write(index, bytes);
        WeightsException e = assertThrows(WeightsException.class, () -> TfCheckpoint.read(prefix));
        assertTrue(e.getMessage().contains("compressed"), e.getMessage());
    }

    @Test
    void truncatedDataFileNamesTheTensorThatDoesNotFit() throws IOException {
        Path prefix = writeTiny();
        Path data = TfCheckpoint.shardPath(prefix, 0, 1);
        try (var ch = java.nio.channels.FileChannel.open(data, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 4);
        }
        WeightsException e = assertThrows(WeightsException.class, () -> TfCheckpoint.read(prefix));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("tensor "), e.getMessage());
    }

    @Test
    void corruptedDataFailsVerificationNamingTheTensor() throws IOException {
        Path prefix = writeTiny();
        Path data = TfCheckpoint.shardPath(prefix, 0, 1);
        byte[] bytes = Files.readAllBytes(data);
        bytes[0] ^= 0x01; // first tensor in key order
        Files.write(data, bytes);
        TfCheckpoint.read(prefix); // unverified reads do not look at the data
        WeightsException e = assertThrows(WeightsException.class, () -> TfCheckpoint.open(prefix, true));
        assertTrue(e.getMessage().contains("bert/embeddings/LayerNorm/beta") && e.getMessage().contains("CRC"),
                e.getMessage());
    }

    @Test
    void missingDataShardIsNamed() throws IOException {
        Path prefix = writeTiny();
        Files.delete(TfCheckpoint.shardPath(prefix, 0, 1));
        WeightsException e = assertThrows(WeightsException.class, () -> TfCheckpoint.read(prefix));
        assertTrue(e.getMessage().contains("data-00000-of-00001") && e.getMessage().contains("missing"),
                e.getMessage());
    }

    private Path writeTiny() {
        Path prefix = dir.resolve("tiny.ckpt");
        TfCheckpoint.write(RandomWeights.of(RandomWeights.tinyConfig(), 5), prefix);
        return prefix;
    }

    /** The size of the first (data) block, from the index handle it is followed by in our writer's layout. */
    private static int firstBlockSize(byte[] table) {
        int footer = table.length - SstableReader.FOOTER_LENGTH;
        // footer: metaindex handle (offset = data block size + 5-byte trailer, since meta follows data)
        long metaOffset = 0;
        int shift = 0;
        for (int i = footer; ; i++) {
            metaOffset |= (long) (table[i] & 0x7f) << shift;
            if (table[i] >= 0) {
                break;
            }
            shift += 7;
        }
        return (int) metaOffset - SstableReader.BLOCK_TRAILER_LENGTH;
    }
}
