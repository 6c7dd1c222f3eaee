package org.probelab.train;

import org.probelab.represent.EdgeTask;
import org.probelab.represent.Task;
import org.probelab.represent.WordTask;

/** The task heads: what the head reads for each labelled row (see {@link FineTuneGraph}). */
public enum HeadKind {
    /** One pooled word per row. */
    TOKEN(null),
    /** Head word ⊕ dependent word per row. */
    EDGE(null),
    SENTENCE_POOLER(SentenceFeature.POOLER),
    SENTENCE_MEAN(SentenceFeature.MEAN),
    SENTENCE_CONCAT_LAST(SentenceFeature.CONCAT_LAST);

    private final SentenceFeature sentenceFeature;

    HeadKind(SentenceFeature sentenceFeature) {
        this.sentenceFeature = sentenceFeature;
    }

    /** The head for {@code task}; sentence tasks read {@code sentences}. */
    public static HeadKind of(Task task, SentenceFeature sentences) {
        if (task instanceof WordTask) {
            return TOKEN;
        }
        if (task instanceof EdgeTask) {
            return EDGE;
        }
        return switch (sentences) {
            case POOLER -> SENTENCE_POOLER;
            case MEAN -> SENTENCE_MEAN;
            case CONCAT_LAST -> SENTENCE_CONCAT_LAST;
        };
    }

    /** What a sentence head reads; null for word and edge heads. */
    public SentenceFeature sentenceFeature() {
        return sentenceFeature;
    }

    int featureWidth(int hidden, int lastLayers) {
        return switch (this) {
            case EDGE -> 2 * hidden;
            case SENTENCE_CONCAT_LAST -> lastLayers * hidden;
            default -> hidden;
        };
    }
}
