package org.probelab.represent;

import java.util.List;
import java.util.Locale;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.data.Split;
import org.probelab.data.Word;

/**
 * What is probed: which vectors a sentence yields and the gold label of each. A word task gives one
 * vector per labelled word, the dependency task one per head→dependent edge (head ⊕ dependent), the
 * sentence task one per labelled sentence.
 */
public sealed interface Task permits WordTask, EdgeTask, SentenceTask, GenreTask {

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

    /** The genre each sentence's id starts with, as UD EWT's do ({@link GenreTask}). */
    static Task genre() {
        return new GenreTask();
    }

    /** Whether the task named {@code name} has one row per sentence, read from a pooled sentence vector. */
    static boolean perSentence(String name) {
        return name.equals("sentence") || name.equals(GenreTask.NAME);
    }

    /** The prefix of a task reading one word column, {@code column:N} (N counting from 0) or {@code column:NAME}. */
    String COLUMN = "column:";

    /**
     * The task a short name stands for: {@code pos}, {@code xpos}, {@code dep} (relations without
     * subtypes), {@code dep-full} (with subtypes), {@code sentence} (the sentence's label), {@code genre} (the
     * genre its id starts with), or {@code column:N} for the label
     * in column N (counting from 0) of a CoNLL-U-like file.
     */
    static Task named(String name) {
        return named(name, List.of());
    }

    /**
     * {@link #named(String)}, where {@code column:NAME} may also name one of {@code columns}, the data's
     * column names (e.g. {@code column:deprel} in CoNLL-U, {@code column:ss} in CoNLL-U-Lex).
     */
    static Task named(String name, List<String> columns) {
        return switch (name) {
            case "pos", "upos" -> pos();
            case "xpos" -> xpos();
            case "dep" -> dep(false);
            case "dep-full" -> dep(true);
            case "sentence" -> sentence();
            case GenreTask.NAME -> genre();
            default -> {
                checkName(name);
                String column = name.substring(COLUMN.length());
                if (column.chars().allMatch(Character::isDigit)) {
                    yield word(name, Integer.parseInt(column));
                }
                int index = columns.indexOf(column.toLowerCase(Locale.ROOT));
                if (index < 0) {
                    throw new IllegalArgumentException("task " + name + ": the data has no column '" + column + "'"
                            + (columns.isEmpty() ? "" : "; its columns are " + String.join(", ", columns))
                            + " (or column:N, N counting from 0)");
                }
                yield word(name, index);
            }
        };
    }

    /**
     * Fails unless {@code name} is a task name, or {@code column:} and a column number or name, which only
     * the data can confirm. For checking a name before the data is read.
     */
    static void checkName(String name) {
        switch (name) {
            case "pos", "upos", "xpos", "dep", "dep-full", "sentence", GenreTask.NAME -> {
                return;
            }
            default -> {
                String column = name.startsWith(COLUMN) ? name.substring(COLUMN.length()) : "";
                if (column.matches("[0-9]{1,9}|[A-Za-z][A-Za-z0-9_.-]*")) {
                    return;
                }
                throw new IllegalArgumentException("unknown task '" + name + "': use pos, xpos, dep, dep-full,"
                        + " sentence, genre, column:N (N counting from 0) or column:NAME (e.g. column:deprel)");
            }
        }
    }

    /** The name as results show it: a column number says that it counts from 0, e.g. {@code column:13 (counting from 0)}. */
    static String describe(String name) {
        return name.matches(COLUMN + "[0-9]+") ? name + " (counting from 0)" : name;
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

    /**
     * Fails when a split yields no row: a probe learns on train, stops on dev and is scored on test.
     * Checked on the text, so the mistake is named before a model is loaded or a vector extracted.
     *
     * @throws IllegalArgumentException naming the split, where it was read from, and what is missing
     */
    default void requireRowsInEverySplit(Dataset data) {
        for (Split split : Split.values()) {
            List<Sentence> sentences = data.split(split);
            String where = "the " + split.name().toLowerCase(Locale.ROOT) + " split of " + data.name()
                    + (data.origin(split).equals(data.name()) ? "" : " (" + data.origin(split) + ")");
            if (sentences.isEmpty()) {
                throw new IllegalArgumentException(where + " has no sentences");
            }
            if (sentences.stream().allMatch(sentence -> targets(sentence).targets().isEmpty())) {
                throw new IllegalArgumentException("task " + id() + " needs " + requirement() + ", and none of the "
                        + sentences.size() + " sentences of " + where + " has that");
            }
        }
    }

    /**
     * The rows of a sentence for a task with one row per sentence: one, labelled {@code label}, or none (the
     * sentence counted as unlabelled) when {@code label} is null.
     */
    static SentenceTargets sentenceRow(String label) {
        return label == null ? new SentenceTargets(List.of(), 1, 0)
                : new SentenceTargets(List.of(new Target(new int[0], label)), 0, 0);
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
