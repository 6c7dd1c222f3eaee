package org.probelab.represent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.probelab.text.SubwordTokenizer;
import org.probelab.text.Tokenized;

/**
 * Splits each word into pieces of two characters ("hello" → he, ll, o), so words of up to six
 * characters have 1–3 subwords; each (word, piece index) gets its own id, assigned on first sight.
 */
class FakeTokenizer implements SubwordTokenizer {
    static final int PAD = 0;
    static final int CLS = 1;
    static final int SEP = 2;
    static final int MASK = 3;
    private static final int FIRST_WORD_ID = 5;

    private final Map<String, Integer> vocabulary = new HashMap<>();

    @Override
    public Tokenized tokenize(List<String> words) {
        List<Integer> ids = new ArrayList<>();
        int[] starts = new int[words.size()];
        int[] ends = new int[words.size()];
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            starts[w] = ids.size();
            for (int piece = 0; piece < pieces(word); piece++) {
                ids.add(vocabulary.computeIfAbsent(word + "#" + piece, k -> FIRST_WORD_ID + vocabulary.size()));
            }
            ends[w] = ids.size();
        }
        return new Tokenized(ids.stream().mapToInt(Integer::intValue).toArray(), starts, ends);
    }

    static int pieces(String word) {
        return Math.max(1, (word.length() + 1) / 2);
    }

    @Override
    public int clsId() {
        return CLS;
    }

    @Override
    public int sepId() {
        return SEP;
    }

    @Override
    public int padId() {
        return PAD;
    }

    @Override
    public int maskId() {
        return MASK;
    }
}
