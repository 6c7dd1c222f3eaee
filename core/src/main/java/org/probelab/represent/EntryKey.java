package org.probelab.represent;

import java.nio.charset.StandardCharsets;
import org.probelab.model.Encoder;
import org.probelab.data.Checksums;
import org.probelab.data.Dataset;

/**
 * Everything that determines a cache entry's vectors, and nothing else: the task and the layers are not
 * part of it (any task of the unit and any layer subset is served from one entry), nor is the batch
 * budget (it changes speed only). A new option that changes the vectors is one more line of
 * {@link #material()}.
 *
 * @param encoderId {@code name@identity}: the identity (weights and vocabulary, e.g.
 *                  {@link org.probelab.model.PretrainedModel#encoderId()}) keys the entry; the name, the part
 *                  before the last {@code @}, is only shown in listings, so the same weights loaded from
 *                  another path share the entry
 */
record EntryKey(String encoderId, int hidden, int states, int maxLength, String dataChecksum, Unit unit,
                String pooling, Precision precision, String compute, int window, int stride) {

    static EntryKey of(Encoder encoder, String encoderId, Dataset data, Unit unit, ExtractionOptions options) {
        int window = encoder.maxSequenceLength() - 2;
        String pooling = unit == Unit.WORD ? options.wordPooling().name() : options.sentencePooling().name();
        return new EntryKey(encoderId, encoder.hiddenSize(), encoder.numHiddenStates(), encoder.maxSequenceLength(),
                data.checksum(), unit, pooling, options.precision(), encoder.computePrecision().label(), window,
                options.resolveStride(window));
    }

    /** The text hashed into the key, kept in the manifest for humans debugging the cache. */
    String material() {
        return String.join("\n",
                "probelab representations, format " + CacheLayout.FORMAT_VERSION,
                "encoder " + encoderId.substring(encoderId.lastIndexOf('@') + 1) + " hidden=" + hidden + " states=" + states + " maxLength=" + maxLength,
                "data " + dataChecksum,
                "unit " + unit.id(),
                "pooling " + pooling,
                "precision " + precision,
                "compute " + compute,
                "window " + window + " stride " + stride);
    }

    /** In a few words, for listings: e.g. "bert-base-uncased@3f2a9c1e on demo: word vectors, MEAN, FLOAT32". */
    String describe(String dataName) {
        int at = encoderId.lastIndexOf('@');
        String encoder = at < 0 ? encoderId : encoderId.substring(0, Math.min(encoderId.length(), at + 9));
        return encoder + " on " + dataName + ": " + unit.id() + " vectors, " + pooling + ", " + precision;
    }

    /** The entry's directory name: SHA-256 of {@link #material()}. */
    String hash() {
        return Checksums.sha256(material().getBytes(StandardCharsets.UTF_8));
    }
}
