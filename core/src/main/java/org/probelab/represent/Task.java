package org.probelab.represent;

import java.util.List;
import org.probelab.text.Dataset;
import org.probelab.text.Sentence;
import org.probelab.text.Split;
import org.probelab.text.Word;

/**
 * What is probed: which vectors a sentence yields and the gold label of each. A word task gives one
 * vector per labelled word, the dependency task one per head→dependent edge (head ⊕ dependent), the
 * sentence task one per labelled sentence.
 */
public sealed interface Task permits WordTask, EdgeTask, SentenceTask {

    /** A label read from any column, e.g. {@code word("upos", Word.UPOS)}. */
    static Task word(String name, int column) {
        return new WordTask(name, column);
    }

    static Task pos() {
        return word("upos", Word.UPOS);
    }

    static Task xpos() {
        return word("xpos", Word.XPOS);
    }

    /** Dependency relation of each non-root edge; {@code withSubtypes} keeps e.g. {@code nmod:poss}. */
    static Task dep(boolean withSubtypes) {
        return new EdgeTask(withSubtypes);
    }

    static Task sentence() {
        return new SentenceTask();
    }

    /**
     * The task a short name stands for: {@code pos}, {@code xpos}, {@code dep} (relations without
     * subtypes), {@code dep-full} (with subtypes), {@code sentence}, or {@code column:N} for the label
     * in column N (0-based) of a CoNLL-U-like file.
     */
    static Task named(String name) {
        return switch (name) {
            case "pos", "upos" -> pos();
            case "xpos" -> xpos();
            case "dep" -> dep(false);
            case "dep-full" -> dep(true);
            case "sentence" -> sentence();
            default -> {
                if (name.startsWith("column:")) {
                    try {
                        int column = Integer.parseInt(name.substring("column:".length()));
                        if (column >= 0) {
                            yield word(name, column);
                        }
                    } catch (NumberFormatException ignored) {
                        // falls through to the error below
                    }
                }
                throw new IllegalArgumentException("unknown task '" + name
                        + "': use pos, xpos, dep, dep-full, sentence or column:N (N = 0-based column index)");
            }
        };
    }

    /** A stable identifier, part of the cache key. */
    String id();

    /** Words pooled into one vector: 0 for the sentence vector, 1 for a word, 2 for an edge. */
    int arity();

    /** The stored vectors its rows are made of: word vectors for word and edge tasks, else sentence vectors. */
    default Unit unit() {
        return arity() == 0 ? Unit.SENTENCE : Unit.WORD;
    }

    /** The rows one sentence contributes, in order, and what it skipped. */
    SentenceTargets targets(Sentence sentence);

    /** What the data must contain, for the error when it contains none. */
    String requirement();

    /**
     * Fails when no sentence of any split yields a row, e.g. sentence labels asked of a treebank.
     *
     * @throws IllegalArgumentException naming the task, the data set and what is missing
     */
    default void requireServableBy(Dataset data) {
        for (Split split : Split.values()) {
            for (Sentence sentence : data.split(split)) {
                if (!targets(sentence).targets().isEmpty()) {
                    return;
                }
            }
        }
        throw new IllegalArgumentException("task " + id() + " cannot be served by data set " + data.name()
                + ": it needs " + requirement() + ", and no sentence of any split has that");
    }

    /** One row to extract: the words whose vectors are concatenated (none: the sentence) and its label. */
    record Target(int[] words, String label) {
    }

    /** The rows of one sentence and the counts of what it had but did not probe. */
    record SentenceTargets(List<Target> targets, int unlabelledSkipped, int rootEdgesSkipped) {
        public SentenceTargets {
            targets = List.copyOf(targets);
        }
    }
}
