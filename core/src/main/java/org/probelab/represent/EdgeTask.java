package org.probelab.represent;

import java.util.ArrayList;
import java.util.List;
import org.probelab.data.Sentence;
import org.probelab.data.Word;

/**
 * Dependency relations: one row per edge, vector = head word ⊕ dependent word, label = DEPREL (or its
 * universal base). Root edges have no head word and are skipped, as are words without a head or relation.
 */
public record EdgeTask(boolean withSubtypes) implements Task {

    @Override
    public String id() {
        return withSubtypes ? "dep:full" : "dep:base";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Task.SentenceTargets targets(Sentence sentence) {
        List<Task.Target> targets = new ArrayList<>();
        int unlabelled = 0;
        int roots = 0;
        for (int dependent = 0; dependent < sentence.length(); dependent++) {
            Word word = sentence.words().get(dependent);
            String label = withSubtypes ? word.deprel() : word.deprelBase();
            if (word.head() > sentence.length()) {
                throw new IllegalArgumentException("sentence " + sentence.id() + " (" + sentence.source() + "): word "
                        + (dependent + 1) + " has head " + word.head() + " but the sentence has only "
                        + sentence.length() + " words; fix the HEAD column");
            }
            if (word.head() < 0 || label.equals("_")) {
                unlabelled++;
            } else if (word.head() == 0) {
                roots++;
            } else {
                targets.add(new Task.Target(new int[] {word.head() - 1, dependent}, label));
            }
        }
        return new Task.SentenceTargets(targets, unlabelled, roots);
    }

    @Override
    public String requirement() {
        return "non-root words with a HEAD and a DEPREL (CoNLL-U columns 7 and 8)";
    }
}
