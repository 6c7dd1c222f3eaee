package org.probelab.data;

import java.util.List;

/**
 * One sentence of a labelled data set: its words in order and, where the source has them,
 * word-level annotation columns and a sentence-level label.
 *
 * @param id       identifier unique within its file (CoNLL-U {@code sent_id}, or "file:line")
 * @param source   where the sentence came from, "path:line" of its first line, for error messages
 * @param words    the words (CoNLL-U syntactic words, or whitespace-separated words of a TSV text)
 * @param label    sentence-level label, or {@code null} when the data has none
 */
public record Sentence(String id, String source, List<Word> words, String label) {
    public Sentence {
        words = List.copyOf(words);
    }

    public int length() {
        return words.size();
    }

    public List<String> forms() {
        return words.stream().map(Word::form).toList();
    }
}
