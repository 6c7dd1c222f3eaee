package org.probelab.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tokens a batched BERT forward processed: real ones and padded ones. Both peers report these
 * under the same JSON keys, and {@code bench/flops.py} turns {@code padded_tokens} (sum of B*T) and
 * {@code padded_token_squares} (sum of B*T*T, for attention) into the FLOP count.
 */
public final class PaddedWork {
    private long batches;
    private long tokens;
    private long paddedTokens;
    private long paddedTokenSquares;

    /** One batch of {@code rows} sequences padded to {@code paddedLength}, {@code realTokens} of them not padding. */
    public void addBatch(int rows, int paddedLength, long realTokens) {
        long padded = (long) rows * paddedLength;
        if (rows < 1 || paddedLength < 1 || realTokens < 1 || realTokens > padded) {
            throw new IllegalArgumentException("a batch of " + rows + " rows padded to " + paddedLength
                    + " cannot hold " + realTokens + " real tokens");
        }
        batches++;
        tokens += realTokens;
        paddedTokens += padded;
        paddedTokenSquares += padded * paddedLength;
    }

    public long batches() {
        return batches;
    }

    public long tokens() {
        return tokens;
    }

    public long paddedTokens() {
        return paddedTokens;
    }

    public long paddedTokenSquares() {
        return paddedTokenSquares;
    }

    /** The fields of a benchmark's JSON line, keyed as the reference peer keys them. */
    public Map<String, Object> jsonFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tokens", tokens);
        fields.put("batches", batches);
        fields.put("padded_tokens", paddedTokens);
        fields.put("padded_token_squares", paddedTokenSquares);
        return fields;
    }
}
