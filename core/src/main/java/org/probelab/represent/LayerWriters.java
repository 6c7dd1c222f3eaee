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
 * The layer files of one split being written: rows arrive in any order and are written at their data
 * order offset, so nothing but the current row is held in memory. Files are written under a temporary
 * name of their own and moved into place by {@link #commit()}.
 */
final class LayerWriters implements AutoCloseable {
    private final Path[] targets;
    private final Path[] temporaries;
    private final FileChannel[] channels;
    private final Precision precision;
    private final int dim;
    private final ByteBuffer row;

    LayerWriters(Path directory, String split, int[] layers, int dim, Precision precision) throws IOException {
        this.precision = precision;
        this.dim = dim;
        this.targets = new Path[layers.length];
        this.temporaries = new Path[layers.length];
        this.channels = new FileChannel[layers.length];
        this.row = ByteBuffer.allocate(dim * precision.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < layers.length; i++) {
            targets[i] = directory.resolve(CacheLayout.layerFile(split, layers[i], precision));
            temporaries[i] = AtomicFiles.createTemporarySibling(targets[i]);
            channels[i] = FileChannel.open(temporaries[i], StandardOpenOption.WRITE);
        }
    }

    /** Writes {@code dim} floats from {@code values[offset..]} as row {@code rowIndex} of layer number {@code layerIndex}. */
    void write(int layerIndex, long rowIndex, float[] values, int offset) throws IOException {
        row.clear();
        for (int i = 0; i < dim; i++) {
            if (precision == Precision.FLOAT16) {
                row.putShort(Half.fromFloat(values[offset + i]));
            } else {
                row.putFloat(values[offset + i]);
            }
        }
        row.flip();
        long position = rowIndex * row.limit();
        while (row.hasRemaining()) {
            position += channels[layerIndex].write(row, position);
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
