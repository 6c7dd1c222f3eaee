package org.probelab.model;

import java.nio.file.Path;
import org.probelab.data.Checksums;

/**
 * A BERT ready to build: its config, WordPiece vocabulary (and whether input is lower-cased),
 * canonical weights, and a SHA-256 of those weights ({@link WeightsChecksum}) that identifies them
 * in results and caches.
 *
 * @param id the name it was loaded by, e.g. {@code bert-base-uncased} or a directory path
 */
public record PretrainedModel(String id, BertConfig config, Path vocab, boolean lowerCase, Weights weights,
                              String checksum) {

    /**
     * {@code id@identity}, as the vector cache names an encoder: the identity (weights checksum, vocabulary
     * checksum, casing) decides what the model computes, so the same weights read from another directory
     * — a stage's snapshot in another run — share cached vectors; the id is only shown to people.
     */
    public String encoderId() {
        return id + "@" + checksum + " vocab " + Checksums.sha256(vocab) + (lowerCase ? " uncased" : " cased");
    }
}
