package org.probelab.train.selective;

import java.util.List;

/** A fine-tuned sentence classifier as the importance scorer sees it: class probabilities of word sequences. */
public interface SentenceClassifier {
    /** The classes, in index order. */
    List<String> labels();

    /** For each word sequence, the probability of every class (rows sum to 1). */
    double[][] probabilities(List<List<String>> sentences);
}
