package org.probelab.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BERT's full tokenizer: basic tokenization, then WordPiece against a {@link Vocab}. Tokenizes free
 * text, and pre-tokenized words with the alignment of each word to its subwords. Thread-safe.
 */
public final class BertTokenizer implements SubwordTokenizer {
    public static final String CLS = "[CLS]";
    public static final String SEP = "[SEP]";
    public static final String PAD = "[PAD]";
    public static final String MASK = "[MASK]";
    public static final String UNK = "[UNK]";

    /** Enough for the distinct words of a large corpus; beyond it the cache starts over. */
    private static final int CACHE_LIMIT = 1 << 17;

    private final Vocab vocab;
    private final BasicTokenizer basic;
    private final WordPieceTokenizer wordPiece;
    private final int clsId;
    private final int sepId;
    private final int padId;
    private final int maskId;
    private final int unkId;
    private final Map<String, int[]> piecesOfBasicToken = new ConcurrentHashMap<>();

    /**
     * @param lowerCase true for uncased models (lower-cases and strips accents); must match how the
     *                  model's vocabulary was built
     * @throws VocabException if the vocabulary lacks one of the special tokens
     */
    public BertTokenizer(Vocab vocab, boolean lowerCase) {
        this.vocab = vocab;
        this.clsId = special(vocab, CLS);
        this.sepId = special(vocab, SEP);
        this.padId = special(vocab, PAD);
        this.maskId = special(vocab, MASK);
        this.unkId = special(vocab, UNK);
        this.basic = new BasicTokenizer(lowerCase, List.of(CLS, SEP, PAD, MASK, UNK));
        this.wordPiece = new WordPieceTokenizer(vocab, UNK);
    }

    /** A tokenizer over a BERT {@code vocab.txt}; errors name the file. */
    public static BertTokenizer fromVocabFile(Path vocabTxt, boolean lowerCase) {
        Vocab vocab = Vocab.read(vocabTxt);
        try {
            return new BertTokenizer(vocab, lowerCase);
        } catch (VocabException e) {
            throw new VocabException(vocabTxt + ": " + e.getMessage(), e);
        }
    }

    private static int special(Vocab vocab, String token) {
        int id = vocab.id(token);
        if (id == Vocab.ABSENT) {
            throw new VocabException("the vocabulary (" + vocab.size() + " tokens) lacks the special token " + token
                    + "; a BERT vocab.txt defines " + String.join(", ", CLS, SEP, PAD, MASK, UNK));
        }
        return id;
    }

    /** The WordPiece tokens of free text, e.g. {@code "unaffable"} to {@code [un, ##aff, ##able]}. */
    public List<String> tokenize(String text) {
        int[] ids = ids(text);
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            tokens.add(vocab.token(id));
        }
        return tokens;
    }

    /** The WordPiece ids of free text, without [CLS] and [SEP]. */
    public int[] ids(String text) {
        IdBuffer ids = new IdBuffer(text.length() / 3 + 4);
        appendIds(text, ids);
        return ids.toArray();
    }

    /**
     * Each word tokenized on its own, so subwords never cross word boundaries. A word that yields
     * nothing (empty, only control or combining characters) gets one [UNK], keeping every word
     * addressable.
     */
    @Override
    public Tokenized tokenize(List<String> words) {
        int[] wordStart = new int[words.size()];
        int[] wordEnd = new int[words.size()];
        IdBuffer ids = new IdBuffer(words.size() * 2 + 4);
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            if (word == null) {
                throw new IllegalArgumentException("word " + w + " of " + words.size() + " is null");
            }
            wordStart[w] = ids.size();
            appendIds(word, ids);
            if (ids.size() == wordStart[w]) {
                ids.add(unkId);
            }
            wordEnd[w] = ids.size();
        }
        return new Tokenized(ids.toArray(), wordStart, wordEnd);
    }

    private void appendIds(String text, IdBuffer ids) {
        for (String token : basic.tokenize(text)) {
            ids.addAll(piecesOf(token));
        }
    }

    private int[] piecesOf(String basicToken) {
        int[] pieces = piecesOfBasicToken.get(basicToken);
        if (pieces == null) {
            pieces = wordPiece.ids(basicToken);
            if (piecesOfBasicToken.size() >= CACHE_LIMIT) {
                piecesOfBasicToken.clear();
            }
            piecesOfBasicToken.put(basicToken, pieces);
        }
        return pieces;
    }

    /**
     * Readable text of ids: tokens separated by spaces, with {@code ##} pieces glued to the token
     * before them ({@code [un, ##aff, ##able]} reads "unaffable"). Special tokens are kept.
     */
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            String token = vocab.token(id);
            if (token.startsWith(WordPieceTokenizer.CONTINUATION_PREFIX) && text.length() > 0) {
                text.append(token, WordPieceTokenizer.CONTINUATION_PREFIX.length(), token.length());
            } else {
                if (text.length() > 0) {
                    text.append(' ');
                }
                text.append(token);
            }
        }
        return text.toString();
    }

    public Vocab vocab() {
        return vocab;
    }

    public boolean lowerCase() {
        return basic.lowerCase();
    }

    @Override
    public int clsId() {
        return clsId;
    }

    @Override
    public int sepId() {
        return sepId;
    }

    @Override
    public int padId() {
        return padId;
    }

    @Override
    public int maskId() {
        return maskId;
    }

    public int unkId() {
        return unkId;
    }

    /** A growable int array, to collect ids without boxing. */
    private static final class IdBuffer {
        private int[] values;
        private int size;

        IdBuffer(int capacity) {
            values = new int[Math.max(capacity, 4)];
        }

        void add(int value) {
            ensureRoom(1);
            values[size++] = value;
        }

        void addAll(int[] more) {
            ensureRoom(more.length);
            System.arraycopy(more, 0, values, size, more.length);
            size += more.length;
        }

        private void ensureRoom(int extra) {
            if (size + extra > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, size + extra));
            }
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
