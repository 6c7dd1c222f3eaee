package org.probelab.model;

import java.nio.file.Path;

/**
 * A BERT ready to build: its config, WordPiece vocabulary (and whether input is lower-cased),
 * canonical weights, and a SHA-256 of those weights ({@link WeightsChecksum}) that identifies them
 * in results and caches.
 *
 * @param id the name it was loaded by, e.g. {@code bert-base-uncased} or a directory path
 */
public record PretrainedModel(String id, BertConfig config, Path vocab, boolean lowerCase, Weights weights,
                              String checksum) {
}
