package org.probelab.data;

import java.util.List;

/**
 * A word with the annotation columns of its source line. For CoNLL-U the columns are the ten
 * fields (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC) plus any extra columns
 * (e.g. CoNLL-U-Lex); for plain text only the form is known.
 *
 * @param form    the surface form
 * @param head    1-based index of the syntactic head in the sentence, 0 for the root, -1 if unknown
 * @param columns all columns of the source line, {@code "_"} where empty; empty for plain text
 */
public record Word(String form, int head, List<String> columns) {
    public static final int UPOS = 3;
    public static final int XPOS = 4;
    public static final int DEPREL = 7;

    public Word {
        columns = List.copyOf(columns);
    }

    public static Word plain(String form) {
        return new Word(form, -1, List.of());
    }

    /** The value of column {@code index}, or {@code "_"} when the line has fewer columns. */
    public String column(int index) {
        return index < columns.size() ? columns.get(index) : "_";
    }

    public String upos() {
        return column(UPOS);
    }

    public String xpos() {
        return column(XPOS);
    }

    /** The full dependency relation, with subtype (e.g. {@code nmod:poss}). */
    public String deprel() {
        return column(DEPREL);
    }

    /** The universal relation without subtype (e.g. {@code nmod}). */
    public String deprelBase() {
        String rel = deprel();
        int colon = rel.indexOf(':');
        return colon < 0 ? rel : rel.substring(0, colon);
    }
}
