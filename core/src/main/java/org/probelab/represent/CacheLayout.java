package org.probelab.represent;

import java.util.Locale;

/**
 * Names of the files in one cache entry directory:
 * {@code manifest.json} (written last; marks the entry complete),
 * {@code <split>.labels.json} (JSON array of the row labels),
 * {@code <split>.layer-<NN>.<f32|f16>} (rows × dim little-endian floats, row-major, data order).
 */
final class CacheLayout {
    /** Bump when the file format or the meaning of extracted vectors changes; old entries are then not found. */
    static final int FORMAT_VERSION = 1;
    static final String MANIFEST = "manifest.json";
    /** Beside the entry directory: {@code <key>.lock}, held while the entry is being filled. */
    static final String LOCK_SUFFIX = ".lock";

    private CacheLayout() {
    }

    static String layerFile(String split, int layer, Precision precision) {
        return String.format(Locale.ROOT, "%s.layer-%02d.%s", split, layer, precision.extension());
    }

    static String labelsFile(String split) {
        return split + ".labels.json";
    }
}
