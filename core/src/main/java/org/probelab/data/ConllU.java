package org.probelab.data;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.probelab.io.AtomicFiles;

/**
 * Reads and writes CoNLL-U treebanks (https://universaldependencies.org/format.html).
 *
 * <p>Reading keeps every column of a word line as a string (ten or more, so CoNLL-U-Lex files with
 * extra columns work), parses HEAD ({@code _} becomes -1), and skips multiword-token ranges
 * ({@code 3-4}) and empty nodes ({@code 5.1}) because labels belong to syntactic words. The sentence
 * id is the {@code # sent_id} comment, else "file:line"; a {@code # label} comment becomes the
 * sentence label. Malformed input raises {@link DataFormatException} naming file and line.
 */
public final class ConllU {
    /** CoNLL-U's columns, by index, as {@code column:NAME} tasks name them. */
    public static final List<String> COLUMN_NAMES = List.of("id", "form", "lemma", "upos", "xpos", "feats", "head",
            "deprel", "deps", "misc");
    /** CoNLL-U-Lex's (STREUSLE): CoNLL-U's and nine for lexical semantics. */
    public static final List<String> CONLLULEX_COLUMN_NAMES = concat(COLUMN_NAMES, List.of("smwe", "lexcat",
            "lexlemma", "ss", "ss2", "wmwe", "wcat", "wlemma", "lextag"));
    /** The header line of CoNLL-U Plus files naming their columns, e.g. {@code # global.columns = ID FORM ...}. */
    private static final String GLOBAL_COLUMNS = "# global.columns =";
    private static final int COLUMNS = 10;
    private static final int ID = 0;
    private static final int FORM = 1;
    private static final int HEAD = 6;
    private static final String SENT_ID = "sent_id";
    private static final String LABEL = "label";

    private ConllU() {
    }

    /**
     * The names of a file's word columns, lower-case: from its {@code # global.columns} header where it has
     * one (CoNLL-U Plus, newer CoNLL-U-Lex), else CoNLL-U-Lex's for a {@code .conllulex} file, else CoNLL-U's.
     */
    public static List<String> columnNames(Path file) {
        String first = firstLine(file);
        if (first.startsWith(GLOBAL_COLUMNS)) {
            return List.of(first.substring(GLOBAL_COLUMNS.length()).trim().toLowerCase(Locale.ROOT).split("\\s+"));
        }
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".conllulex")
                ? CONLLULEX_COLUMN_NAMES : COLUMN_NAMES;
    }

    /** The first line, or "" where it cannot be read: {@link #read} then says why, naming the line. */
    private static String firstLine(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            return line == null ? "" : line.replace("\uFEFF", "");
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    public static List<Sentence> read(Path file) {
        SentenceCollector collector = new SentenceCollector(file);
        Utf8Lines.forEach(file, collector::accept);
        collector.finish();
        return collector.sentences;
    }

    /**
     * Writes the sentences as CoNLL-U, atomically. Words with annotation columns keep them (the ID
     * column is renumbered 1..n); plain words get a minimal line with FORM and HEAD.
     */
    public static void write(List<Sentence> sentences, Path file) {
        try {
            AtomicFiles.write(file, out -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                for (Sentence sentence : sentences) {
                    writeSentence(sentence, writer);
                }
                writer.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeSentence(Sentence sentence, Writer writer) throws IOException {
        writer.write("# " + SENT_ID + " = " + sentence.id() + "\n");
        if (sentence.label() != null) {
            writer.write("# " + LABEL + " = " + sentence.label() + "\n");
        }
        writer.write("# text = " + String.join(" ", sentence.forms()) + "\n");
        for (int i = 0; i < sentence.length(); i++) {
            writer.write(String.join("\t", lineColumns(sentence.words().get(i), i + 1)));
            writer.write('\n');
        }
        writer.write('\n');
    }

    private static List<String> lineColumns(Word word, int id) {
        List<String> columns;
        if (word.columns().size() >= COLUMNS) {
            columns = new ArrayList<>(word.columns());
        } else {
            columns = new ArrayList<>(List.of("_", word.form(), "_", "_", "_", "_", "_", "_", "_", "_"));
            columns.set(HEAD, word.head() < 0 ? "_" : Integer.toString(word.head()));
        }
        columns.set(ID, Integer.toString(id));
        return columns;
    }

    /** Accumulates word lines into sentences; one instance per file. */
    private static final class SentenceCollector {
        private final Path file;
        private final String fileName;
        private final List<Sentence> sentences = new ArrayList<>();
        private final List<Word> words = new ArrayList<>();
        private final List<Long> wordLines = new ArrayList<>();
        private long firstLine = -1;
        private String id;
        private String label;

        SentenceCollector(Path file) {
            this.file = file;
            this.fileName = String.valueOf(file.getFileName());
        }

        void accept(String line, long number) {
            if (line.isBlank()) {
                if (firstLine >= 0) {
                    endSentence();
                }
                return;
            }
            if (firstLine < 0) {
                firstLine = number;
            }
            if (line.startsWith("#")) {
                readComment(line);
            } else {
                readWord(line, number);
            }
        }

        void finish() {
            if (firstLine >= 0) {
                endSentence();
            }
        }

        private void readComment(String line) {
            int equals = line.indexOf('=');
            if (equals < 0) {
                return;
            }
            String key = line.substring(1, equals).trim();
            String value = line.substring(equals + 1).trim();
            if (key.equals(SENT_ID)) {
                id = value;
            } else if (key.equals(LABEL)) {
                label = value;
            }
        }

        private void readWord(String line, long number) {
            String[] columns = line.split("\t", -1);
            if (columns.length < COLUMNS) {
                throw new DataFormatException(file, number, "expected at least " + COLUMNS
                        + " tab-separated columns, found " + columns.length);
            }
            String wordId = columns[ID];
            if (wordId.indexOf('-') >= 0 || wordId.indexOf('.') >= 0) {
                return; // multiword-token range or empty node: not a syntactic word of the tree
            }
            int expected = words.size() + 1;
            int parsedId = parseInt(wordId, number, "ID");
            if (parsedId != expected) {
                throw new DataFormatException(file, number, "ID " + parsedId + " is not sequential, expected "
                        + expected);
            }
            int head = columns[HEAD].equals("_") ? -1 : parseInt(columns[HEAD], number, "HEAD");
            if (head < -1 || (head == -1 && !columns[HEAD].equals("_"))) {
                throw new DataFormatException(file, number, "HEAD " + head + " is out of range: use 0 for the root");
            }
            words.add(new Word(columns[FORM], head, Arrays.asList(columns)));
            wordLines.add(number);
        }

        private int parseInt(String value, long number, String column) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new DataFormatException(file, number, column + " '" + value + "' is not an integer");
            }
        }

        private void endSentence() {
            if (words.isEmpty()) {
                throw new DataFormatException(file, firstLine, "sentence without words (only comments before the"
                        + " blank line)");
            }
            for (int i = 0; i < words.size(); i++) {
                int head = words.get(i).head();
                if (head > words.size()) {
                    throw new DataFormatException(file, wordLines.get(i), "HEAD " + head + " is out of range: the"
                            + " sentence has " + words.size() + " words");
                }
            }
            String sentenceId = id != null ? id : fileName + ":" + firstLine;
            sentences.add(new Sentence(sentenceId, file + ":" + firstLine, words, label));
            words.clear();
            wordLines.clear();
            firstLine = -1;
            id = null;
            label = null;
        }
    }
}
