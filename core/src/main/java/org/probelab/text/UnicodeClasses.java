package org.probelab.text;

/** The character classes of BERT's reference tokenizer, by code point. */
final class UnicodeClasses {
    private UnicodeClasses() {
    }

    /**
     * Characters the cleaning step deletes: NUL, the replacement character, controls (Cc) and
     * format characters (Cf, e.g. zero-width space and joiners), except tab, newline and carriage
     * return, which are whitespace. Lone surrogates (Cs) are dropped too: they are broken text.
     */
    static boolean isRemoved(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        if (cp == 0xFFFD) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
    }

    /**
     * Space, tab, newline, carriage return and space separators (Zs, e.g. no-break space). Line and
     * paragraph separators (Zl, Zp) count too: the reference splits with Python's {@code str.split()},
     * which treats them as whitespace.
     */
    static boolean isWhitespace(int cp) {
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
            return true;
        }
        if (cp < 0x80) {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** All non-alphanumeric printable ASCII (so {@code $ + < = > ^ ` | ~} too) and every Unicode P* character. */
    static boolean isPunctuation(int cp) {
        if (cp < 0x80) {
            return cp >= 33 && cp <= 47 || cp >= 58 && cp <= 64 || cp >= 91 && cp <= 96 || cp >= 123 && cp <= 126;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /**
     * The CJK ideograph blocks the reference isolates as one-character tokens. Hiragana, Katakana
     * and Hangul are not among them, so they stay inside words like Latin letters.
     */
    static boolean isCjkIdeograph(int cp) {
        return cp >= 0x4E00 && cp <= 0x9FFF
                || cp >= 0x3400 && cp <= 0x4DBF
                || cp >= 0x20000 && cp <= 0x2A6DF
                || cp >= 0x2A700 && cp <= 0x2B73F
                || cp >= 0x2B740 && cp <= 0x2B81F
                || cp >= 0x2B820 && cp <= 0x2CEAF
                || cp >= 0xF900 && cp <= 0xFAFF
                || cp >= 0x2F800 && cp <= 0x2FA1F;
    }
}
