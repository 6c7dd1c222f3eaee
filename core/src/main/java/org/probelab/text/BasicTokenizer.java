package org.probelab.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BERT's basic tokenization, before WordPiece: removes control characters, turns every kind of
 * whitespace into a separator, isolates CJK ideographs and punctuation characters as tokens and,
 * for uncased models, lower-cases and strips accents. Works on code points, so supplementary
 * characters (emoji, CJK extension B) are never cut in half.
 *
 * <p>Special tokens such as {@code [MASK]} are kept whole and in their case wherever they appear,
 * also when glued to punctuation ({@code "[MASK]."}), as BERT's full tokenizer does.
 */
public final class BasicTokenizer {
    private static final char SEPARATOR = ' ';

    private final boolean lowerCase;
    private final List<String> neverSplit;

    /**
     * @param lowerCase  lower-case and strip accents (uncased models)
     * @param neverSplit tokens kept whole, e.g. {@code [CLS]}, {@code [MASK]}
     */
    public BasicTokenizer(boolean lowerCase, List<String> neverSplit) {
        this.lowerCase = lowerCase;
        this.neverSplit = List.copyOf(neverSplit);
        for (String special : this.neverSplit) {
            if (special.isEmpty()) {
                throw new IllegalArgumentException("a never-split token must not be empty");
            }
        }
    }

    public boolean lowerCase() {
        return lowerCase;
    }

    /** The basic tokens of {@code text}, in order; empty for text with no visible characters. */
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        String cleaned = clean(text);
        int length = cleaned.length();
        int i = 0;
        while (i < length) {
            while (i < length && cleaned.charAt(i) == SEPARATOR) {
                i++;
            }
            int start = i;
            while (i < length && cleaned.charAt(i) != SEPARATOR) {
                i++;
            }
            if (i > start) {
                splitOffSpecialTokens(cleaned.substring(start, i), tokens);
            }
        }
        return tokens;
    }

    /** Drops invisible characters and makes whitespace and CJK ideographs boundaries marked by one separator. */
    private static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (UnicodeClasses.isRemoved(cp)) {
                continue;
            }
            if (UnicodeClasses.isWhitespace(cp)) {
                out.append(SEPARATOR);
            } else if (UnicodeClasses.isCjkIdeograph(cp)) {
                out.append(SEPARATOR).appendCodePoint(cp).append(SEPARATOR);
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private void splitOffSpecialTokens(String chunk, List<String> tokens) {
        int from = 0;
        while (from < chunk.length()) {
            int at = chunk.length();
            String found = null;
            for (String special : neverSplit) {
                int index = chunk.indexOf(special, from);
                if (index >= 0 && (found == null || index < at || index == at && special.length() > found.length())) {
                    at = index;
                    found = special;
                }
            }
            if (found == null) {
                normalizeAndSplitPunctuation(chunk.substring(from), tokens);
                return;
            }
            if (at > from) {
                normalizeAndSplitPunctuation(chunk.substring(from, at), tokens);
            }
            tokens.add(found);
            from = at + found.length();
        }
    }

    private void normalizeAndSplitPunctuation(String chunk, List<String> tokens) {
        String text = lowerCase ? stripAccents(chunk.toLowerCase(Locale.ROOT)) : chunk;
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (UnicodeClasses.isPunctuation(cp)) {
                if (i > start) {
                    tokens.add(text.substring(start, i));
                }
                tokens.add(text.substring(i, next));
                start = next;
            }
            i = next;
        }
        if (start < text.length()) {
            tokens.add(text.substring(start));
        }
    }

    /** Decomposes (NFD) and drops the combining marks, so "é" becomes "e". */
    private static String stripAccents(String text) {
        if (isAscii(text)) {
            return text;
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        int i = 0;
        while (i < decomposed.length()) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
