package org.probelab.represent;

import java.util.List;
import org.probelab.data.Sentence;

/** One row per sentence that has a sentence-level label; unlabelled sentences are not probed. */
public record SentenceTask() implements Task {

    @Override
    public String id() {
        return "sentence";
    }

    @Override
    public int arity() {
        return 0;
    }

    @Override
    public Task.SentenceTargets targets(Sentence sentence) {
        String label = sentence.label();
        if (label == null || label.equals("_")) {
            return new Task.SentenceTargets(List.of(), 1, 0);
        }
        return new Task.SentenceTargets(List.of(new Task.Target(new int[0], label)), 0, 0);
    }

    @Override
    public String requirement() {
        return "sentence-level labels (e.g. a label column in TSV data)";
    }
}
