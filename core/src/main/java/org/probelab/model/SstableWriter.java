package org.probelab.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a LevelDB-format table as TensorFlow's checkpoint index expects: one uncompressed data
 * block with prefix-compressed keys, an empty meta-index block, an index block and the footer.
 * A checkpoint index is small, so a single data block is enough.
 */
final class SstableWriter {
    private static final int RESTART_INTERVAL = 16;

    private SstableWriter() {
    }

    /** The table bytes for {@code entries}, sorted bytewise by key as LevelDB requires. */
    static byte[] build(Map<String, byte[]> entries) {
        TreeMap<byte[], byte[]> sorted = new TreeMap<>(Arrays::compareUnsigned);
        entries.forEach((k, v) -> sorted.put(k.getBytes(StandardCharsets.UTF_8), v));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        byte[] lastKey = sorted.isEmpty() ? new byte[0] : sorted.lastKey();
        long[] data = writeBlock(file, block(sorted));
        long[] meta = writeBlock(file, block(new TreeMap<>(Arrays::compareUnsigned)));
        TreeMap<byte[], byte[]> index = new TreeMap<>(Arrays::compareUnsigned);
        index.put(lastKey, handle(data[0], data[1]));
        long[] indexHandle = writeBlock(file, block(index));
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        writeBytes(footer, handle(meta[0], meta[1]));
        writeBytes(footer, handle(indexHandle[0], indexHandle[1]));
        footer.writeBytes(new byte[SstableReader.FOOTER_LENGTH - 8 - footer.size()]);
        footer.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(SstableReader.MAGIC).array());
        writeBytes(file, footer.toByteArray());
        return file.toByteArray();
    }

    private static byte[] block(TreeMap<byte[], byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> restarts = new ArrayList<>();
        byte[] previous = new byte[0];
        int sinceRestart = RESTART_INTERVAL;
        for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
            byte[] key = e.getKey();
            int shared = 0;
            if (sinceRestart == RESTART_INTERVAL) {
                restarts.add(out.size());
                sinceRestart = 0;
            } else {
                int max = Math.min(previous.length, key.length);
                while (shared < max && previous[shared] == key[shared]) {
                    shared++;
                }
            }
            varint(out, shared);
            varint(out, key.length - shared);
            varint(out, e.getValue().length);
            out.write(key, shared, key.length - shared);
            writeBytes(out, e.getValue());
            previous = key;
            sinceRestart++;
        }
        if (restarts.isEmpty()) {
            restarts.add(0);
        }
        ByteBuffer tail = ByteBuffer.allocate(4 * (restarts.size() + 1)).order(ByteOrder.LITTLE_ENDIAN);
        restarts.forEach(tail::putInt);
        tail.putInt(restarts.size());
        writeBytes(out, tail.array());
        return out.toByteArray();
    }

    /** Appends block plus its trailer (compression type, masked CRC); returns its {offset, size}. */
    private static long[] writeBlock(ByteArrayOutputStream file, byte[] block) {
        long offset = file.size();
        writeBytes(file, block);
        file.write(SstableReader.NO_COMPRESSION);
        int crc = MaskedCrc32c.of(block, 0, block.length, SstableReader.NO_COMPRESSION);
        writeBytes(file, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(crc).array());
        return new long[] {offset, block.length};
    }

    private static byte[] handle(long offset, long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, offset);
        varint(out, size);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }
}
