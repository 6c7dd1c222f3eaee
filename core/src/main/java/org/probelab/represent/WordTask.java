package org.probelab.represent;

import java.util.ArrayList;
import java.util.List;
import org.probelab.data.Sentence;

/** Word-level labels from one annotation column; words whose value there is {@code _} are not probed. */
public record WordTask(String name, int column) implements Task {
    public WordTask {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a word task needs a name");
        }
        if (column < 0) {
            throw new IllegalArgumentException("word task " + name + ": column index " + column + " is negative");
        }
    }

    @Override
    public String id() {
        return "word:" + name + "@" + column;
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Task.SentenceTargets targets(Sentence sentence) {
        List<Task.Target> targets = new ArrayList<>();
        int skipped = 0;
        for (int w = 0; w < sentence.length(); w++) {
            String label = sentence.words().get(w).column(column);
            if (label.equals("_")) {
                skipped++;
            } else {
                targets.add(new Task.Target(new int[] {w}, label));
            }
        }
        return new Task.SentenceTargets(targets, skipped, 0);
    }

    @Override
    public String requirement() {
        return "words with a value other than _ in column " + column + " (" + name + ")";
    }
}
