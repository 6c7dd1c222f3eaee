package org.probelab.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits one basic token into WordPiece subwords, greedily taking the longest vocabulary piece
 * first; pieces after the first carry the {@code ##} prefix. A token with a remainder no piece
 * matches, or longer than {@value #MAX_WORD_CODE_POINTS} code points, becomes a single unknown token.
 */
public final class WordPieceTokenizer {
    public static final String CONTINUATION_PREFIX = "##";
    public static final int MAX_WORD_CODE_POINTS = 100;

    private final Vocab vocab;
    private final int unknownId;
    private final int[] unknownOnly;

    /** @param unknownToken the token that stands for an unsplittable word, {@code [UNK]} in BERT */
    public WordPieceTokenizer(Vocab vocab, String unknownToken) {
        this.vocab = vocab;
        this.unknownId = vocab.requireId(unknownToken);
        this.unknownOnly = new int[] {unknownId};
    }

    /** The pieces of {@code word} (one basic token, without whitespace). */
    public List<String> tokenize(String word) {
        int[] ids = ids(word);
        List<String> pieces = new ArrayList<>(ids.length);
        for (int id : ids) {
            pieces.add(vocab.token(id));
        }
        return pieces;
    }

    /** The vocabulary ids of the pieces of {@code word}; empty for an empty word. */
    public int[] ids(String word) {
        int[] bounds = codePointBounds(word);
        int codePoints = bounds.length - 1;
        if (codePoints > MAX_WORD_CODE_POINTS) {
            return unknownOnly.clone();
        }
        int[] pieces = new int[codePoints];
        int count = 0;
        int start = 0;
        while (start < codePoints) {
            int end = codePoints;
            int found = Vocab.ABSENT;
            while (end > start && found == Vocab.ABSENT) {
                found = vocab.id(piece(word, bounds[start], bounds[end], start > 0));
                if (found == Vocab.ABSENT) {
                    end--;
                }
            }
            if (found == Vocab.ABSENT) {
                return unknownOnly.clone();
            }
            pieces[count++] = found;
            start = end;
        }
        return Arrays.copyOf(pieces, count);
    }

    private static String piece(String word, int from, int to, boolean continuation) {
        String text = word.substring(from, to);
        return continuation ? CONTINUATION_PREFIX + text : text;
    }

    /** Char offsets of each code point, plus the end; the identity for text without surrogate pairs. */
    private static int[] codePointBounds(String word) {
        int codePoints = word.codePointCount(0, word.length());
        int[] bounds = new int[codePoints + 1];
        int offset = 0;
        for (int i = 0; i < codePoints; i++) {
            bounds[i] = offset;
            offset += Character.charCount(word.codePointAt(offset));
        }
        bounds[codePoints] = word.length();
        return bounds;
    }

    public int unknownId() {
        return unknownId;
    }
}
