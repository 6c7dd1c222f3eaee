package org.probelab.train.selective;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.probelab.text.Vocab;
import org.probelab.train.mlm.PackedSequence;
import org.probelab.train.mlm.SequenceMarks;

/**
 * Words selective masking never masks, as Gu et al.'s mask generator skips every word spaCy calls a stop
 * word ({@code sc_mask_gen.py} in thunlp/SelectiveMasking): "the", "was", "n't" decide no label on their own,
 * and a scorer reading left to right marks them when they happen to complete the buffer.
 */
public final class StopWords {
    /** spaCy 2's English list (312 words), as the authors' code consults it; the resource names its source. */
    public static final StopWords SPACY_ENGLISH = read("spacy-english-stop-words.txt");

    private final String name;
    private final Set<String> words;

    private StopWords(String name, Set<String> words) {
        this.name = name;
        this.words = words;
    }

    private static StopWords read(String resource) {
        Set<String> words = new HashSet<>();
        try (InputStream in = StopWords.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the stop-word list " + resource + " is missing from the classpath");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.startsWith("#")) {
                    Arrays.stream(line.trim().split("\\s+")).filter(w -> !w.isEmpty()).forEach(words::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stop-word list " + resource, e);
        }
        return new StopWords(resource.replace(".txt", ""), Set.copyOf(words));
    }

    /** The list's name, part of the digest under which marks are kept. */
    public String name() {
        return name;
    }

    public int size() {
        return words.size();
    }

    /** Whether {@code word} is on the list, in any case (spaCy compares lower-case forms). */
    public boolean contains(String word) {
        return words.contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code marks} without the positions of stop words: each packed word is read back from its WordPieces
     * ({@code ##} continuations joined) in {@code vocab}.
     */
    public SequenceMarks unmark(SequenceMarks marks, List<PackedSequence> sequences, Vocab vocab) {
        int[][] kept = new int[sequences.size()][];
        for (int s = 0; s < kept.length; s++) {
            PackedSequence sequence = sequences.get(s);
            String[] forms = wordForms(sequence, vocab);
            kept[s] = Arrays.stream(marks.positions()[s]).filter(p -> !contains(forms[sequence.words()[p]])).toArray();
        }
        return new SequenceMarks(marks.fingerprints(), kept);
    }

    /** Per word number of {@code sequence}, the word its WordPieces spell. */
    private static String[] wordForms(PackedSequence sequence, Vocab vocab) {
        List<StringBuilder> forms = new ArrayList<>();
        for (int p = 0; p < sequence.length(); p++) {
            int w = sequence.words()[p];
            if (w < 0) {
                continue;
            }
            while (forms.size() <= w) {
                forms.add(new StringBuilder());
            }
            String piece = vocab.token(sequence.ids()[p]);
            forms.get(w).append(piece.startsWith("##") ? piece.substring(2) : piece);
        }
        return forms.stream().map(StringBuilder::toString).toArray(String[]::new);
    }
}
