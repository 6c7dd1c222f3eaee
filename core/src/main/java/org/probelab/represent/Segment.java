package org.probelab.represent;

/**
 * One encoder input row: window {@code window} of sentence {@code sentence} (index in its split).
 *
 * @param sortLength the length it is bucketed by: its own, or the window capacity for every window of a
 *                   long sentence, so that those windows are encoded together and the sentence's partial
 *                   results are held only briefly
 */
record Segment(int sentence, int window, int start, int end, int sortLength) {
    int length() {
        return end - start;
    }
}
