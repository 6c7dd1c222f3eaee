package org.probelab.represent;

import java.util.Locale;

/**
 * What one stored vector stands for. Word and edge tasks both read word vectors (an edge's vector is
 * its head's word vector followed by its dependent's), so probing POS and then dependencies extracts
 * once; a sentence vector is pooled from all subwords or [CLS] and cannot be made from word vectors.
 */
public enum Unit {
    /** One vector per word of every sentence, pooled from its subwords. */
    WORD,
    /** One vector per sentence that has words. */
    SENTENCE;

    /** Lower-case name, as written in cache keys and manifests. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How many vectors a sentence of {@code words} words contributes. */
    int rowsOf(int words) {
        return this == WORD ? words : words > 0 ? 1 : 0;
    }
}
