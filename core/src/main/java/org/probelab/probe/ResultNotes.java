package org.probelab.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.probelab.represent.SentencePooling;
import org.probelab.represent.Task;

/**
 * What a reader of a probing result must know before trusting its numbers, one sentence each:
 * probes that were still learning when their full budget ran out, and layers whose vectors cannot carry
 * the label by construction. The CLI prints these lines under its table; the notebook shows them.
 */
public final class ResultNotes {
    /** A warning is due when at least this share of a layer's trained probes peaked at their last epoch. */
    public static final double STILL_LEARNING_SHARE = 0.25;

    private ResultNotes() {
    }

    public static List<String> of(ProbingResult result) {
        List<String> notes = new ArrayList<>();
        for (LayerScore score : result.scores()) {
            // A config a halving round cut short ran out of the round's budget, not its own: not counted.
            List<GridPoint> trained = score.result().trainedProbes().stream()
                    .filter(p -> !p.training().budgetRanOut() || p.training().epochs() >= p.config().maxEpochs())
                    .toList();
            long peaked = trained.stream().filter(p -> p.training().peakedAtLastEpoch()).count();
            if (peaked > 0 && peaked >= STILL_LEARNING_SHARE * trained.size()) {
                notes.add(String.format(Locale.ROOT, "warning: layer %d %s: %d of %d trained probes had their best dev"
                                + " accuracy at the last epoch their budget allowed; they may have been still learning,"
                                + " so this score may understate the layer", score.layer(),
                        score.result().kind().name().toLowerCase(Locale.ROOT), peaked, trained.size()));
            }
        }
        boolean sentenceTask = Task.perSentence(result.spec().task());
        boolean clsPooling = result.spec().extraction().sentencePooling() == SentencePooling.CLS;
        if (sentenceTask && clsPooling && result.scores().stream().anyMatch(s -> s.layer() == 0)) {
            notes.add("note: layer 0 [CLS] is the same vector for every sentence (the [CLS] token's embedding at"
                    + " position 0), so its probes can only predict one label; mean sentence pooling probes layer 0's"
                    + " words");
        }
        return notes;
    }
}
