package org.probelab.text;

import java.util.List;

/** Turns pre-tokenized words into WordPiece ids with word alignment; knows the special ids. */
public interface SubwordTokenizer {
    Tokenized tokenize(List<String> words);

    int clsId();

    int sepId();

    int padId();

    int maskId();
}
