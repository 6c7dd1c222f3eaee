package org.probelab.data.corpus;

import java.util.List;

/**
 * One document of a text corpus: its sentences in order, each a list of words.
 *
 * @param source where it starts, "file:line" (or a data set's sentence source), for messages
 */
public record Document(String source, List<List<String>> sentences) {
    public Document {
        sentences = sentences.stream().map(List::copyOf).toList();
    }

    public long words() {
        return sentences.stream().mapToLong(List::size).sum();
    }
}
