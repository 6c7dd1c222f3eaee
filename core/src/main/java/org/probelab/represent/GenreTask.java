package org.probelab.represent;

import java.util.Set;
import java.util.TreeSet;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;

/**
 * Genre classification: one row per sentence whose id starts with its genre ({@link Sentence#genre}), the genre
 * its label. UD EWT's ids do ({@code answers-…}, {@code email-…}, {@code newsgroup-…}, {@code reviews-…},
 * {@code weblog-…}), which makes a treebank without sentence labels serve a five-way sentence task.
 */
public record GenreTask() implements Task {
    /** The task's name, as {@link Task#named} and the CLI's {@code --task} take it. */
    public static final String NAME = "genre";

    @Override
    public String id() {
        return NAME;
    }

    @Override
    public int arity() {
        return 0;
    }

    @Override
    public Task.SentenceTargets targets(Sentence sentence) {
        return Task.sentenceRow(sentence.genre());
    }

    @Override
    public String requirement() {
        return "sentence ids that start with a genre and a dash, as UD EWT's (answers-…, email-…, newsgroup-…,"
                + " reviews-…, weblog-…)";
    }

    /** Rows, and at least two genres among the training sentences: one genre is nothing to classify. */
    @Override
    public void requireServableBy(Dataset data) {
        Task.super.requireServableBy(data);
        Set<String> genres = new TreeSet<>();
        data.train().forEach(sentence -> {
            if (sentence.genre() != null) {
                genres.add(sentence.genre());
            }
        });
        if (genres.size() < 2) {
            throw new IllegalArgumentException("task " + NAME + " needs at least two genres among the training"
                    + " sentences of " + data.name() + ", and their ids give " + (genres.isEmpty() ? "none"
                    : "only '" + genres.iterator().next() + "'") + " (the genre is the letters a sentence id starts"
                    + " with, before its first '-')");
        }
    }
}
