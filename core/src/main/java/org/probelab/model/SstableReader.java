package org.probelab.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads every key/value of a LevelDB-format table, as TensorFlow writes a checkpoint's
 * {@code .index} file: a footer pointing at an index block, whose entries point at data blocks of
 * prefix-compressed entries. The whole file is read (checkpoint indexes are a few KB).
 */
final class SstableReader {
    static final long MAGIC = 0xdb4775248b80fb57L;
    static final int FOOTER_LENGTH = 48;
    static final int BLOCK_TRAILER_LENGTH = 5;
    static final byte NO_COMPRESSION = 0;

    private final Path file;
    private final byte[] bytes;

    private SstableReader(Path file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    /** All entries of {@code file} in key order; keys are decoded as UTF-8. */
    static Map<String, byte[]> readAll(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new WeightsException("checkpoint index " + file + " does not exist");
        } catch (IOException e) {
            throw new WeightsException("cannot read checkpoint index " + file + ": " + e.getMessage(), e);
        }
        return new SstableReader(file, bytes).entries();
    }

    private Map<String, byte[]> entries() {
        if (bytes.length < FOOTER_LENGTH) {
            throw malformed("it is " + bytes.length + " bytes, shorter than the " + FOOTER_LENGTH
                    + "-byte table footer (truncated?)");
        }
        ByteBuffer footer = ByteBuffer.wrap(bytes, bytes.length - FOOTER_LENGTH, FOOTER_LENGTH)
                .order(ByteOrder.LITTLE_ENDIAN);
        long magic = footer.getLong(bytes.length - 8);
        if (magic != MAGIC) {
            throw malformed("bad table magic 0x" + Long.toHexString(magic) + " (expected 0x"
                    + Long.toHexString(MAGIC) + "); not a TensorFlow checkpoint index, or truncated");
        }
        Cursor c = new Cursor(bytes.length - FOOTER_LENGTH, bytes.length - 8);
        c.varLong(); // metaindex block offset: TF stores no meta blocks we need
        c.varLong(); // metaindex block size
        long indexOffset = c.varLong();
        long indexSize = c.varLong();
        Map<String, byte[]> result = new LinkedHashMap<>();
        for (byte[] handle : blockEntries(indexOffset, indexSize, "index block").values()) {
            Cursor h = new Cursor(0, handle.length, handle);
            long offset = h.varLong();
            long size = h.varLong();
            result.putAll(blockEntries(offset, size, "data block at offset " + offset));
        }
        return result;
    }

    private Map<String, byte[]> blockEntries(long offset, long size, String what) {
        if (offset < 0 || size < 4 || offset + size + BLOCK_TRAILER_LENGTH > bytes.length - FOOTER_LENGTH) {
            throw malformed(what + " [" + offset + ", +" + size + ") lies outside the file of "
                    + bytes.length + " bytes (truncated?)");
        }
        int start = (int) offset;
        int length = (int) size;
        byte compression = bytes[start + length];
        if (compression != NO_COMPRESSION) {
            throw malformed(what + " is compressed (type " + compression + "); only uncompressed tables,"
                    + " as TensorFlow writes them, are supported");
        }
        int storedCrc = ByteBuffer.wrap(bytes, start + length + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (storedCrc != MaskedCrc32c.of(bytes, start, length, compression)) {
            throw malformed(what + " fails its CRC-32C check (corrupted file)");
        }
        ByteBuffer block = ByteBuffer.wrap(bytes, start, length).order(ByteOrder.LITTLE_ENDIAN);
        int numRestarts = block.getInt(start + length - 4);
        long entriesEnd = (long) length - 4 - 4L * numRestarts;
        if (numRestarts < 1 || entriesEnd < 0) {
            throw malformed(what + " has an impossible restart count " + numRestarts);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Cursor c = new Cursor(start, start + (int) entriesEnd);
        byte[] key = new byte[0];
        while (c.hasMore()) {
            int shared = c.varInt();
            int unshared = c.varInt();
            int valueLength = c.varInt();
            if (shared > key.length) {
                throw malformed(what + " has an entry sharing " + shared + " bytes of a " + key.length
                        + "-byte previous key");
            }
            byte[] next = new byte[shared + unshared];
            System.arraycopy(key, 0, next, 0, shared);
            c.copy(next, shared, unshared);
            key = next;
            byte[] value = new byte[valueLength];
            c.copy(value, 0, valueLength);
            entries.put(new String(key, StandardCharsets.UTF_8), value);
        }
        return entries;
    }

    private WeightsException malformed(String why) {
        return new WeightsException("malformed checkpoint index " + file + ": " + why);
    }

    /** Reads varints and byte runs from {@code data[pos, end)}, failing clearly past {@code end}. */
    private final class Cursor {
        private final byte[] data;
        private int pos;
        private final int end;

        Cursor(int pos, int end) {
            this(pos, end, bytes);
        }

        Cursor(int pos, int end, byte[] data) {
            this.pos = pos;
            this.end = end;
            this.data = data;
        }

        boolean hasMore() {
            return pos < end;
        }

        long varLong() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw malformed("a varint runs past the end of its block");
                }
                byte b = data[pos++];
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw malformed("a varint is longer than 10 bytes");
        }

        int varInt() {
            long v = varLong();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw malformed("a length " + v + " does not fit in a block");
            }
            return (int) v;
        }

        void copy(byte[] into, int at, int length) {
            if (length > end - pos) {
                throw malformed("an entry of " + length + " bytes runs past the end of its block");
            }
            System.arraycopy(data, pos, into, at, length);
            pos += length;
        }
    }
}
