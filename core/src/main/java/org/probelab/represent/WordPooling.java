package org.probelab.represent;

/** How a word's subword vectors become one vector. */
public enum WordPooling {
    /** Mean of all the word's subword vectors. */
    MEAN,
    /** The vector of the word's first subword. */
    FIRST
}
