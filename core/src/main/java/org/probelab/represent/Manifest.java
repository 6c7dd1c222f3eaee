package org.probelab.represent;

import java.util.Map;

/**
 * What a cache entry holds, written before its first layer file: each layer file then marks itself
 * complete by being there (it is moved into place only once written).
 *
 * @param formatVersion {@link CacheLayout#FORMAT_VERSION} at writing time
 * @param key           the entry's directory name (SHA-256 of {@code keyMaterial})
 * @param keyMaterial   the text hashed into the key, for humans debugging the cache
 * @param description   what the entry holds in a few words (model, data, unit, pooling, precision)
 * @param states        the encoder's hidden states (0 = embeddings), of which any subset may be stored
 * @param hidden        floats per stored vector
 * @param rows          vectors per split (lower-case name): one per word, or per sentence
 */
record Manifest(int formatVersion, String key, String keyMaterial, String description, Unit unit, int states, int hidden, Precision precision,
                Map<String, Long> rows) {
}
