package org.probelab.train.selective;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The importance of each word of some labelled sentences to a classifier (Gu et al. 2020), per sentence:
 * null for a sentence the classifier gets wrong (the method scores only those it classifies correctly),
 * else one entry per word.
 *
 * @param drops     per scored sentence and word, P(y | s) − P(y | buffer + word): how far the classifier's
 *                  confidence in the gold label stays below its confidence on the whole sentence
 * @param important per scored sentence and word, whether the drop is under δ
 * @param delta     δ the marks were drawn with
 */
public record ImportanceScores(List<double[]> drops, List<boolean[]> important, double delta) {
    public ImportanceScores {
        drops = Collections.unmodifiableList(new ArrayList<>(drops));
        important = Collections.unmodifiableList(new ArrayList<>(important));
    }

    /** Sentences the classifier classified correctly, and so scored. */
    public int scored() {
        return (int) important.stream().filter(Objects::nonNull).count();
    }

    /** The share of the scored sentences' words marked important. */
    public double importantShare() {
        long words = 0;
        long marked = 0;
        for (boolean[] sentence : important) {
            if (sentence != null) {
                words += sentence.length;
                for (boolean b : sentence) {
                    marked += b ? 1 : 0;
                }
            }
        }
        return words == 0 ? 0 : (double) marked / words;
    }
}
