package org.probelab.represent;

import java.util.Map;

/**
 * The last file of a cache entry: describes what was extracted; its presence marks the entry complete.
 *
 * @param formatVersion {@link CacheLayout#FORMAT_VERSION} at writing time
 * @param key           the entry's directory name (SHA-256 of {@code keyMaterial})
 * @param keyMaterial   the text hashed into the key, for humans debugging the cache
 * @param splits        per split (lower-case name) what it yielded
 */
record Manifest(int formatVersion, String key, String keyMaterial, String task, int[] layers, int dim,
                Precision precision, Map<String, ExtractionStats> splits) {
}
