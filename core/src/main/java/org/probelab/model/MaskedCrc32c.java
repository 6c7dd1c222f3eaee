package org.probelab.model;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC-32C as stored by LevelDB tables and TensorFlow tensor bundles: masked, because a CRC of data
 * that itself contains embedded CRCs is weak, so the stored value is rotated and offset.
 */
final class MaskedCrc32c {
    private static final int MASK_DELTA = 0xa282ead8;

    private MaskedCrc32c() {
    }

    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    /** Masked CRC of the remaining bytes of {@code data} (its position is left unchanged). */
    static int of(ByteBuffer data) {
        CRC32C crc = new CRC32C();
        crc.update(data.duplicate());
        return mask((int) crc.getValue());
    }

    /** Masked CRC of {@code data[offset, offset+length)} followed by {@code trailerByte}. */
    static int of(byte[] data, int offset, int length, byte trailerByte) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        crc.update(trailerByte);
        return mask((int) crc.getValue());
    }
}
