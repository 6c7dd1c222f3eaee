package org.probelab.data;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** An id that starts with a genre: letters, then a dash, then the rest (UD EWT's {@code reviews-001325-0003}). */
    private static final Pattern GENRE_ID = Pattern.compile("([A-Za-z]+)-.+");

    public Sentence {
        words = List.copyOf(words);
    }

    public int length() {
        return words.size();
    }

    public List<String> forms() {
        return words.stream().map(Word::form).toList();
    }

    /**
     * The genre the id starts with — its letters before the first dash, as UD EWT's {@code answers},
     * {@code email}, {@code newsgroup}, {@code reviews} and {@code weblog} — or null when the id does not start
     * that way (a fallback id such as {@code en_ewt-ud-train.conllu:12} does not).
     */
    public String genre() {
        Matcher matcher = GENRE_ID.matcher(id);
        return matcher.matches() ? matcher.group(1) : null;
    }
}
