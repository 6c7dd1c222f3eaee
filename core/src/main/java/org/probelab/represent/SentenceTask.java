package org.probelab.represent;

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
        return Task.sentenceRow("_".equals(sentence.label()) ? null : sentence.label());
    }

    @Override
    public String requirement() {
        return "sentence-level labels (e.g. a label column in TSV data)";
    }
}
