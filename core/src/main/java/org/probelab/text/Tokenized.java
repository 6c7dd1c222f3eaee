package org.probelab.text;

import org.probelab.data.Word;

/**
 * A sentence as WordPiece ids, without [CLS] and [SEP], and where each word's subwords lie.
 * Word {@code w} covers {@code ids[wordStart[w] .. wordEnd[w])}; a word always has at least one
 * subword (a word that tokenizes to nothing is given [UNK]).
 */
public record Tokenized(int[] ids, int[] wordStart, int[] wordEnd) {
    public int words() {
        return wordStart.length;
    }

    public int length() {
        return ids.length;
    }
}
