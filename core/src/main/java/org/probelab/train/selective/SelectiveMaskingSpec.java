package org.probelab.train.selective;

import org.probelab.represent.Task;
import org.probelab.train.FineTuneSettings;

/**
 * Selective masking as a masked-LM stage declares it (Gu et al. 2020): before training, the stage fine-tunes
 * its input model into a sentence classifier on {@code task}, scores the words of the labelled train
 * sentences ({@link ImportanceScorer}), fine-tunes a tagger from its input model on those scores and marks its
 * own packed text ({@link ImportanceTagger}); it then masks marked subwords only ({@code SelectiveMasking}).
 *
 * @param task   the classifier's task, a sentence task ({@code sentence}): the method scores a word by how much
 *               it brings the classifier's confidence in a sentence's label
 * @param data   the labelled data source ({@code DataSources.open}) whose train split the classifier learns and
 *               the scorer reads; {@code null}: the recipe's data
 * @param delta  the scorer's threshold δ ({@link ImportanceScorer#DEFAULT_DELTA} by default)
 * @param tuning how the classifier and the tagger are fine-tuned
 */
public record SelectiveMaskingSpec(String task, String data, double delta, FineTuneSettings tuning) {
    public SelectiveMaskingSpec {
        if (task == null || tuning == null) {
            throw new IllegalArgumentException("selective masking needs the classifier's task and fine-tuning settings");
        }
        if (Task.named(task).arity() != 0) {
            throw new IllegalArgumentException("selective masking setting task must be a sentence task (its"
                    + " classifier scores words by how they sway a sentence's label), got the word task " + task);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("selective masking setting delta must be in (0, 1), got " + delta);
        }
        if (data != null && data.isBlank()) {
            throw new IllegalArgumentException("selective masking setting data must name a data source or be left"
                    + " out for the recipe's data");
        }
    }
}
