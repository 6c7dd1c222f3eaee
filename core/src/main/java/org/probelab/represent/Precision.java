package org.probelab.represent;

/** How vectors are stored on disk: little-endian IEEE floats of 32 or 16 bits. */
public enum Precision {
    FLOAT32(4, "f32"),
    FLOAT16(2, "f16");

    private final int bytes;
    private final String extension;

    Precision(int bytes, String extension) {
        this.bytes = bytes;
        this.extension = extension;
    }

    public int bytes() {
        return bytes;
    }

    /** File name extension of a layer file. */
    public String extension() {
        return extension;
    }
}
