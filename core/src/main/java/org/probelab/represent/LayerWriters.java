package org.probelab.represent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.probelab.io.AtomicFiles;

/**
 * The layer files of one split being written: runs of consecutive rows (a sentence's words) arrive in
 * any order and are written at their data order offset, one write call per run, so nothing but the
 * current run is held in memory. Files are written under a temporary
 * name of their own and moved into place by {@link #commit()}.
 */
final class LayerWriters implements AutoCloseable {
    private final Path[] targets;
    private final Path[] temporaries;
    private final FileChannel[] channels;
    private final Precision precision;
    private final int dim;
    private ByteBuffer rows;

    LayerWriters(Path directory, String split, int[] layers, int dim, Precision precision) throws IOException {
        this.precision = precision;
        this.dim = dim;
        this.targets = new Path[layers.length];
        this.temporaries = new Path[layers.length];
        this.channels = new FileChannel[layers.length];
        this.rows = ByteBuffer.allocate(dim * precision.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < layers.length; i++) {
            targets[i] = directory.resolve(CacheLayout.layerFile(split, layers[i], precision));
            temporaries[i] = AtomicFiles.createTemporarySibling(targets[i]);
            channels[i] = FileChannel.open(temporaries[i], StandardOpenOption.WRITE);
        }
    }

    /**
     * Writes {@code count} rows of {@code dim} floats from {@code values[offset..]} as rows
     * {@code firstRow, firstRow + 1, ...} of layer number {@code layerIndex}.
     */
    void write(int layerIndex, long firstRow, int count, float[] values, int offset) throws IOException {
        int floats = count * dim;
        if (rows.capacity() < floats * precision.bytes()) {
            rows = ByteBuffer.allocate(floats * precision.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        }
        rows.clear();
        if (precision == Precision.FLOAT16) {
            for (int i = 0; i < floats; i++) {
                rows.putShort(Half.fromFloat(values[offset + i]));
            }
        } else {
            rows.asFloatBuffer().put(values, offset, floats);
            rows.position(floats * Float.BYTES);
        }
        rows.flip();
        long position = firstRow * dim * precision.bytes();
        while (rows.hasRemaining()) {
            position += channels[layerIndex].write(rows, position);
        }
    }

    /** Makes the written files durable and moves them to their final names. */
    void commit() throws IOException {
        for (int i = 0; i < channels.length; i++) {
            channels[i].force(true);
            channels[i].close();
            AtomicFiles.move(temporaries[i], targets[i]);
        }
    }

    /** Closes the files; those not committed (an extraction that failed) are deleted. */
    @Override
    public void close() throws IOException {
        for (int i = 0; i < channels.length; i++) {
            if (channels[i] != null) {
                channels[i].close();
            }
            if (temporaries[i] != null) {
                Files.deleteIfExists(temporaries[i]);
            }
        }
    }
}
