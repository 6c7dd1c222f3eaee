package org.probelab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads sentence-classification data as {@code text<TAB>label} lines (TREC, SST style). The words
 * are the whitespace-separated tokens of the text; blank lines are skipped. A line without a tab,
 * with more than two fields, or with an empty text or label raises {@link DataFormatException}.
 */
public final class LabelledText {
    private LabelledText() {
    }

    public static List<Sentence> read(Path file) {
        List<Sentence> sentences = new ArrayList<>();
        String fileName = String.valueOf(file.getFileName());
        Utf8Lines.forEach(file, (line, number) -> {
            if (line.isBlank()) {
                return;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 2) {
                throw new DataFormatException(file, number, fields.length == 1
                        ? "no tab: expected text<TAB>label"
                        : "expected 2 tab-separated fields (text, label), found " + fields.length);
            }
            String text = fields[0].strip();
            String label = fields[1].strip();
            if (text.isEmpty()) {
                throw new DataFormatException(file, number, "empty text before the tab");
            }
            if (label.isEmpty()) {
                throw new DataFormatException(file, number, "empty label after the tab");
            }
            List<Word> words = Arrays.stream(text.split("\\s+")).map(Word::plain).toList();
            sentences.add(new Sentence(fileName + ":" + number, file + ":" + number, words, label));
        });
        return sentences;
    }
}
