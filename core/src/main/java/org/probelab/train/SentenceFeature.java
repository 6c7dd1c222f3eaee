package org.probelab.train;

/**
 * What a sentence classification head reads, the strategies compared by Sun et al. (2019), "How to
 * Fine-Tune BERT for Text Classification?".
 */
public enum SentenceFeature {
    /** tanh(dense([CLS])) of the last layer: BERT's own classifier input. */
    POOLER,
    /** Mean of the last layer's real subword vectors (not [CLS], [SEP] or padding), as the probes pool. */
    MEAN,
    /** The [CLS] vectors of the last k layers, concatenated (k = {@link FineTuneSettings#lastLayers()}). */
    CONCAT_LAST
}
