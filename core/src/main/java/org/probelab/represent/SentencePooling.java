package org.probelab.represent;

/** How a sentence becomes one vector. */
public enum SentencePooling {
    /**
     * The [CLS] vector. A sentence too long for one window gets the mean of its windows' [CLS] vectors.
     */
    CLS,
    /** Mean of all real subword vectors (not [CLS], [SEP] or padding), each subword counted once. */
    MEAN
}
