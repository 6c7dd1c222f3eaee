package org.probelab.train.mlm;

/** What a mask writes: the [MASK] id, and the vocabulary random tokens are drawn from (uniformly, as BERT). */
public record MaskTokens(int maskId, int vocabSize) {
}
