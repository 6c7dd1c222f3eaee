package org.probelab.represent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.data.Split;

/** Layer files larger than one memory mapping (2 GiB) are read in segments of whole rows. */
class LayerFileTest {
    private static final int HIDDEN = 3;

    @TempDir
    Path dir;

    private static float value(long row, int h) {
        return row * 10f + h;
    }

    private Path write(long rows, Precision precision) throws IOException {
        Path file = dir.resolve("layer." + precision.extension());
        ByteBuffer bytes = ByteBuffer.allocate((int) rows * HIDDEN * precision.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (long row = 0; row < rows; row++) {
            for (int h = 0; h < HIDDEN; h++) {
                if (precision == Precision.FLOAT32) {
                    bytes.putFloat(value(row, h));
                } else {
                    bytes.putShort(Half.fromFloat(value(row, h)));
                }
            }
        }
        Files.write(file, bytes.array());
        return file;
    }

    @Test
    void rowsReadThroughManySegmentsEqualTheRowsWritten() throws IOException {
        for (Precision precision : Precision.values()) {
            long rows = 200;
            // 7 rows per segment and a last, shorter one: every row boundary case is crossed
            LayerFile file = LayerFile.open(write(rows, precision), rows, HIDDEN, precision, 7L * HIDDEN * precision.bytes());
            FloatBuffer all = file.all();
            assertEquals(rows * HIDDEN, all.remaining());
            float[] row = new float[HIDDEN];
            for (long r = 0; r < rows; r++) {
                file.read(r, row, 0);
                for (int h = 0; h < HIDDEN; h++) {
                    assertEquals(value(r, h), row[h], precision + " row " + r);
                    assertEquals(value(r, h), all.get((int) r * HIDDEN + h), precision + " all, row " + r);
                }
            }
        }
    }

    /**
     * A sparse train layer of 2 GiB + 1000 rows: only the rows written take disk. A task whose rows are the
     * first and the last vector reads both, the last one from beyond the first mapping.
     */
    @Test
    void aTaskReadsVectorsBeyondTwoGibibytesOfALayerFile() throws IOException {
        int hidden = 4;
        long rows = (1L << 31) / (hidden * Float.BYTES) + 1000;
        Path entry = Files.createDirectories(dir.resolve("entry"));
        Path train = entry.resolve(CacheLayout.layerFile("train", 0, Precision.FLOAT32));
        try (RandomAccessFile file = new RandomAccessFile(train.toFile(), "rw")) {
            file.setLength(rows * hidden * Float.BYTES);
        }
        float[] first = {1, 2, 3, 4};
        float[] last = {5, 6, 7, 8};
        writeRow(train, 0, first);
        writeRow(train, rows - 1, last);
        assertTrue(Files.size(train) > Integer.MAX_VALUE);
        for (String split : List.of("dev", "test")) {
            writeRow(entry.resolve(CacheLayout.layerFile(split, 0, Precision.FLOAT32)), 0, first);
        }
        CacheJson.writeJson(entry.resolve(CacheLayout.MANIFEST), new Manifest(CacheLayout.FORMAT_VERSION, "big",
                "synthetic", "a synthetic layer", Unit.WORD, 1, hidden, Precision.FLOAT32,
                Map.of("train", rows, "dev", 1L, "test", 1L)));
        TaskRows.SplitRows one = new TaskRows.SplitRows(List.of("A"), null, new ExtractionStats(1, 0, 0));
        CacheJson.writeJson(entry.resolve(CacheLayout.taskFile(Task.pos().id())), new TaskRows(Task.pos().id(), 1,
                Map.of("train", new TaskRows.SplitRows(List.of("A", "B"), new int[] {0, (int) (rows - 1)},
                        new ExtractionStats(2, 0, 0)), "dev", one, "test", one)));

        LabelledVectors vectors = Representations.open(entry, Task.pos()).layer(Split.TRAIN, 0);

        assertArrayEquals(first, Expected.row(vectors, 0));
        assertArrayEquals(last, Expected.row(vectors, 1));
    }

    private static void writeRow(Path file, long row, float[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        bytes.flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.write(bytes, row * values.length * Float.BYTES);
        }
    }
}
