package org.probelab.model;

/**
 * Anything that turns batches of WordPiece ids into per-layer hidden states. {@link BertModel}
 * is the real one; representation code depends only on this.
 */
public interface Encoder extends AutoCloseable {
    /** Number of hidden states: embeddings (0) plus one per transformer layer. */
    int numHiddenStates();

    int hiddenSize();

    /** The arithmetic of the forward; vectors of another precision are other vectors (the cache keys them apart). */
    default ComputePrecision computePrecision() {
        return ComputePrecision.FLOAT32;
    }

    /** Longest input, in WordPiece ids including [CLS] and [SEP]. */
    int maxSequenceLength();

    /**
     * Encodes a batch. Row {@code b} of {@code ids} holds [CLS] ... [SEP] then padding; only the first
     * {@code lengths[b]} positions are real (the attention mask is derived from it). All rows have the
     * same length T. Segment (token type) ids are all 0.
     *
     * @param layers which hidden states to return (0 = embeddings), ascending
     */
    HiddenStates encode(int[][] ids, int[] lengths, int[] layers);

    @Override
    void close();
}
