package org.probelab.represent;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One layer file of one split, memory-mapped in segments of whole rows: one mapping holds at most 2 GiB,
 * and a layer of a large corpus (ten times UD EWT's 204k words × 768 floats) is larger. A file that fits
 * in one segment maps as it is; a larger one is read segment by segment.
 */
final class LayerFile {
    /** The most bytes one mapping may hold. */
    static final long MAX_SEGMENT_BYTES = Integer.MAX_VALUE;

    private final Path file;
    private final int hidden;
    private final Precision precision;
    private final long rowsPerSegment;
    private final MappedByteBuffer[] segments;
    private final FloatBuffer[] floats;
    private final ShortBuffer[] halves;

    private LayerFile(Path file, int hidden, Precision precision, long rowsPerSegment, MappedByteBuffer[] segments) {
        this.file = file;
        this.hidden = hidden;
        this.precision = precision;
        this.rowsPerSegment = rowsPerSegment;
        this.segments = segments;
        this.floats = new FloatBuffer[segments.length];
        this.halves = new ShortBuffer[segments.length];
        for (int s = 0; s < segments.length; s++) {
            floats[s] = segments[s].asFloatBuffer();
            halves[s] = segments[s].asShortBuffer();
        }
    }

    /**
     * Maps {@code file} of {@code rows} × {@code hidden} values in segments of at most {@code segmentBytes}.
     *
     * @throws IOException when the file does not have exactly that size (naming what to do)
     */
    static LayerFile open(Path file, long rows, int hidden, Precision precision, long segmentBytes) throws IOException {
        long rowBytes = (long) hidden * precision.bytes();
        long expected = rows * rowBytes;
        long rowsPerSegment = Math.max(1, segmentBytes / rowBytes);
        try (FileChannel channel = FileChannel.open(file)) {
            if (channel.size() != expected) {
                throw new IOException(file + " has " + channel.size() + " bytes, expected " + expected + " (" + rows
                        + " vectors × " + hidden + "); delete " + file.getParent() + " and extract again");
            }
            int count = (int) ((rows + rowsPerSegment - 1) / rowsPerSegment);
            MappedByteBuffer[] segments = new MappedByteBuffer[count];
            for (int s = 0; s < count; s++) {
                long first = s * rowsPerSegment;
                long bytes = Math.min(rowsPerSegment, rows - first) * rowBytes;
                segments[s] = channel.map(FileChannel.MapMode.READ_ONLY, first * rowBytes, bytes);
                segments[s].order(ByteOrder.LITTLE_ENDIAN);
            }
            return new LayerFile(file, hidden, precision, rowsPerSegment, segments);
        }
    }

    static LayerFile open(Path file, long rows, int hidden, Precision precision) throws IOException {
        return open(file, rows, hidden, precision, MAX_SEGMENT_BYTES);
    }

    /**
     * All rows, in order: the mapping itself for one float32 segment, else a copy in memory.
     *
     * @throws IllegalStateException when there are more values than one Java buffer holds (2^31 - 1)
     */
    FloatBuffer all() {
        if (segments.length == 1 && precision == Precision.FLOAT32) {
            return floats[0].duplicate();
        }
        long values = 0;
        for (MappedByteBuffer segment : segments) {
            values += segment.capacity() / precision.bytes();
        }
        FloatBuffer copy = FloatBuffer.allocate(capacity(values));
        for (int s = 0; s < segments.length; s++) {
            if (precision == Precision.FLOAT32) {
                copy.put(floats[s].duplicate());
            } else {
                ShortBuffer segment = halves[s].duplicate();
                while (segment.hasRemaining()) {
                    copy.put(Half.toFloat(segment.get()));
                }
            }
        }
        return copy.flip();
    }

    /** Copies row {@code row} into {@code dst[offset..offset + hidden)}. */
    void read(long row, float[] dst, int offset) {
        int segment = (int) (row / rowsPerSegment);
        int first = (int) (row % rowsPerSegment) * hidden;
        if (precision == Precision.FLOAT32) {
            floats[segment].get(first, dst, offset, hidden);
        } else {
            for (int h = 0; h < hidden; h++) {
                dst[offset + h] = Half.toFloat(halves[segment].get(first + h));
            }
        }
    }

    int capacity(long values) {
        if (values > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(file + ": " + values + " values are more than one Java buffer holds ("
                    + (Integer.MAX_VALUE - 8) + "); probe a part of the data");
        }
        return (int) values;
    }
}
