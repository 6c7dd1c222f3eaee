package org.probelab.train.mlm;

/**
 * One training sequence of a masked-LM stage: [CLS], subwords (with a [SEP] between joined documents),
 * [SEP].
 *
 * @param index  position in its list, part of every mask's seed
 * @param source where its first document starts ("file:line"), for messages
 * @param ids    WordPiece ids
 * @param words  for every position, the number of the word it belongs to (counted within the sequence, from
 *               0), or -1 for [CLS] and [SEP], which are never masked
 */
public record PackedSequence(int index, String source, int[] ids, int[] words) {
    public PackedSequence {
        if (ids.length != words.length) {
            throw new IllegalArgumentException("sequence " + index + ": " + ids.length + " ids but " + words.length
                    + " word numbers");
        }
    }

    public int length() {
        return ids.length;
    }

    /** Positions a mask may choose: every subword of a word. */
    public int candidates() {
        int n = 0;
        for (int w : words) {
            n += w >= 0 ? 1 : 0;
        }
        return n;
    }
}
