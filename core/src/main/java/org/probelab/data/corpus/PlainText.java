package org.probelab.data.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.nio.file.Path;
import org.probelab.data.Utf8Lines;

/**
 * Reads a UTF-8 text file as documents. A file with blank lines between its text is read as documents
 * separated by blank lines, one sentence per line (BERT's pre-training text format); a file without
 * them holds one document per line. Words are separated by white space.
 */
final class PlainText {
    private record Line(String text, long number) {
    }

    private PlainText() {
    }

    static List<Document> read(Path file) {
        List<Line> lines = new ArrayList<>();
        Utf8Lines.forEach(file, (text, number) -> lines.add(new Line(text.strip(), number)));
        boolean blankSeparated = hasBlankLineBetweenText(lines);
        List<Document> documents = new ArrayList<>();
        List<List<String>> sentences = new ArrayList<>();
        long start = -1;
        for (Line line : lines) {
            if (line.text().isEmpty()) {
                if (!sentences.isEmpty()) {
                    documents.add(new Document(file + ":" + start, sentences));
                    sentences = new ArrayList<>();
                }
                continue;
            }
            if (sentences.isEmpty()) {
                start = line.number();
            }
            sentences.add(words(line.text()));
            if (!blankSeparated) {
                documents.add(new Document(file + ":" + start, sentences));
                sentences = new ArrayList<>();
            }
        }
        if (!sentences.isEmpty()) {
            documents.add(new Document(file + ":" + start, sentences));
        }
        return documents;
    }

    private static boolean hasBlankLineBetweenText(List<Line> lines) {
        boolean textSeen = false;
        boolean blankAfterText = false;
        for (Line line : lines) {
            if (line.text().isEmpty()) {
                blankAfterText = textSeen;
            } else if (blankAfterText) {
                return true;
            } else {
                textSeen = true;
            }
        }
        return false;
    }

    private static List<String> words(String text) {
        return Arrays.asList(text.split("\\p{javaWhitespace}+"));
    }
}
