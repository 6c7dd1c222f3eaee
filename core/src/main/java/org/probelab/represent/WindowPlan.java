package org.probelab.represent;

import java.util.ArrayList;
import java.util.List;
import org.probelab.text.Tokenized;

/**
 * How one tokenized sentence is cut into encoder inputs. A sentence that fits is one window. A longer
 * one is covered by overlapping windows that start and end on word boundaries, one about every
 * {@code stride} subwords, and each word takes its vector from the window in which it is most central:
 * farthest from a window edge that cuts context off (an edge at the sentence start or end cuts nothing);
 * ties go to the earlier window.
 *
 * @param windows    the windows, in sentence order
 * @param wordWindow for each word, the index of the window its vector comes from
 */
record WindowPlan(List<Window> windows, int[] wordWindow) {

    /** Subwords {@code [start, end)} of the sentence, always whole words {@code [firstWord, endWord)}. */
    record Window(int firstWord, int endWord, int start, int end) {
        int length() {
            return end - start;
        }
    }

    /**
     * @param capacity   most subwords one window holds (the encoder's maximum minus [CLS] and [SEP])
     * @param stride     subwords between window starts, at most {@code capacity}
     * @param sentenceId named in the error for a word that fits no window
     * @throws IllegalArgumentException when a single word has more subwords than a window holds
     */
    static WindowPlan of(Tokenized tokens, int capacity, int stride, String sentenceId) {
        int words = tokens.words();
        for (int w = 0; w < words; w++) {
            int pieces = tokens.wordEnd()[w] - tokens.wordStart()[w];
            if (pieces > capacity) {
                throw new IllegalArgumentException("sentence " + sentenceId + ": word " + (w + 1) + " has " + pieces
                        + " subwords, more than the " + capacity + " an encoder window holds; shorten or split that word");
            }
        }
        if (words == 0) {
            return new WindowPlan(List.of(new Window(0, 0, 0, 0)), new int[0]);
        }
        List<Window> windows = new ArrayList<>();
        int first = 0;
        do {
            Window window = windowFrom(tokens, first, capacity);
            windows.add(window);
            if (window.endWord() == words) {
                break;
            }
            first = nextFirstWord(tokens, window, stride);
        } while (true);
        return new WindowPlan(List.copyOf(windows), assignWords(tokens, windows));
    }

    /** Windows start on word boundaries, so the greedy fill from {@code first} never splits a word. */
    private static Window windowFrom(Tokenized tokens, int first, int capacity) {
        int start = tokens.wordStart()[first];
        int end = first;
        while (end < tokens.words() && tokens.wordEnd()[end] - start <= capacity) {
            end++;
        }
        return new Window(first, end, start, tokens.wordEnd()[end - 1]);
    }

    /** The first word starting {@code stride} subwords on, but never past the window's end (no gaps). */
    private static int nextFirstWord(Tokenized tokens, Window window, int stride) {
        int next = window.firstWord() + 1;
        while (next < window.endWord() && tokens.wordStart()[next] < window.start() + stride) {
            next++;
        }
        return next;
    }

    private static int[] assignWords(Tokenized tokens, List<Window> windows) {
        int sentenceEnd = tokens.length();
        int[] chosen = new int[tokens.words()];
        for (int w = 0; w < tokens.words(); w++) {
            int best = -1;
            long bestMargin = -1;
            for (int i = 0; i < windows.size(); i++) {
                Window window = windows.get(i);
                if (w < window.firstWord() || w >= window.endWord()) {
                    continue;
                }
                long left = window.start() == 0 ? Long.MAX_VALUE : tokens.wordStart()[w] - window.start();
                long right = window.end() == sentenceEnd ? Long.MAX_VALUE : window.end() - tokens.wordEnd()[w];
                long margin = Math.min(left, right);
                if (margin > bestMargin) {
                    best = i;
                    bestMargin = margin;
                }
            }
            chosen[w] = best;
        }
        return chosen;
    }
}
