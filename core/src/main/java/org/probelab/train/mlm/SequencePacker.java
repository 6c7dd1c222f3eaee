package org.probelab.train.mlm;

import java.util.ArrayList;
import java.util.List;
import org.probelab.data.corpus.Corpus;
import org.probelab.data.corpus.Document;
import org.probelab.text.SubwordTokenizer;
import org.probelab.text.Tokenized;

/**
 * Packs a corpus into sequences of at most {@code maxLength} subwords, whole sentences at a time, as
 * RoBERTa's FULL-SENTENCES and DOC-SENTENCES inputs (Liu et al. 2019, §4.2): a sequence is filled with the
 * next sentences while they fit; a sentence longer than a whole sequence is cut between words (a word
 * longer than that keeps its first pieces). Documents are either kept apart (a sequence never crosses a
 * document boundary) or joined, with an extra [SEP] where one document ends and the next begins.
 */
public final class SequencePacker {
    /** Subwords per sequence, [CLS] and [SEP] included (Devlin et al. 2019: 128 for 90% of pre-training). */
    public static final int MAX_LENGTH = 128;

    /** Whether one sequence may hold the end of a document and the start of the next. */
    public enum Documents {
        /** RoBERTa's DOC-SENTENCES: each sequence from one document; short documents give short sequences. */
        KEEP_APART,
        /** RoBERTa's FULL-SENTENCES (what BERT and RoBERTa train on): documents joined with [SEP]. */
        JOIN_WITH_SEP
    }

    private SequencePacker() {
    }

    public static List<PackedSequence> pack(Corpus corpus, SubwordTokenizer tokenizer, int maxLength,
                                            Documents documents) {
        if (maxLength < 3) {
            throw new IllegalArgumentException("a masked-LM sequence needs room for [CLS], a word and [SEP]; maxLength "
                    + maxLength + " is too short");
        }
        Builder builder = new Builder(tokenizer, maxLength - 2);
        for (Document document : corpus.documents()) {
            if (documents == Documents.KEEP_APART) {
                builder.flush();
            } else {
                builder.separateDocuments();
            }
            builder.source(document.source());
            for (List<String> sentence : document.sentences()) {
                if (!sentence.isEmpty()) {
                    builder.add(tokenizer.tokenize(sentence));
                }
            }
        }
        builder.flush();
        return builder.sequences;
    }

    /** The sequence being filled, and those done. */
    private static final class Builder {
        private final SubwordTokenizer tokenizer;
        private final int capacity;
        private final List<PackedSequence> sequences = new ArrayList<>();
        private final int[] ids;
        private final int[] words;
        private int size;
        private int wordCount;
        private boolean separatorDue;
        private String source;
        private String nextSource;

        Builder(SubwordTokenizer tokenizer, int capacity) {
            this.tokenizer = tokenizer;
            this.capacity = capacity;
            this.ids = new int[capacity];
            this.words = new int[capacity];
        }

        void source(String documentSource) {
            nextSource = documentSource;
        }

        void separateDocuments() {
            separatorDue = size > 0;
        }

        /** Adds a sentence, starting a new sequence first when it would fit there but not here. */
        void add(Tokenized sentence) {
            int needed = sentence.length() + (separatorDue ? 1 : 0);
            if (size > 0 && size + needed > capacity && sentence.length() <= capacity) {
                flush();
            }
            for (int w = 0; w < sentence.words(); w++) {
                int start = sentence.wordStart()[w];
                int end = Math.min(sentence.wordEnd()[w], start + capacity);
                if (size + (end - start) + (separatorDue ? 1 : 0) > capacity) {
                    flush();
                }
                if (separatorDue) {
                    ids[size] = tokenizer.sepId();
                    words[size++] = -1;
                    separatorDue = false;
                }
                if (size == 0) {
                    source = nextSource;
                }
                for (int p = start; p < end; p++) {
                    ids[size] = sentence.ids()[p];
                    words[size++] = wordCount;
                }
                wordCount++;
            }
        }

        void flush() {
            separatorDue = false;
            if (size == 0) {
                return;
            }
            int[] seqIds = new int[size + 2];
            int[] seqWords = new int[size + 2];
            seqIds[0] = tokenizer.clsId();
            seqWords[0] = -1;
            System.arraycopy(ids, 0, seqIds, 1, size);
            System.arraycopy(words, 0, seqWords, 1, size);
            seqIds[size + 1] = tokenizer.sepId();
            seqWords[size + 1] = -1;
            sequences.add(new PackedSequence(sequences.size(), source, seqIds, seqWords));
            size = 0;
            wordCount = 0;
        }
    }
}
