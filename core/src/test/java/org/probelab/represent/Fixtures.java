package org.probelab.represent;

import java.util.ArrayList;
import java.util.List;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.data.Word;

/** Small CoNLL-U-like sentences built in code. */
final class Fixtures {
    private Fixtures() {
    }

    /** A word with the ten CoNLL-U columns; {@code upos} and {@code deprel} may be "_". */
    static Word word(int index, String form, String upos, int head, String deprel) {
        return new Word(form, head, List.of(String.valueOf(index), form, form, upos, upos + "x", "_",
                String.valueOf(head), deprel, "_", "_"));
    }

    /** A sentence whose words are tagged NOUN, headed by the previous word, the first one the root. */
    static Sentence chain(String id, String label, String... forms) {
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < forms.length; i++) {
            words.add(word(i + 1, forms[i], "NOUN", i, i == 0 ? "root" : "nmod:poss"));
        }
        return new Sentence(id, "test.conllu:" + id, words, label);
    }

    static Dataset dataset(String checksum, List<Sentence> train, List<Sentence> dev, List<Sentence> test) {
        return new Dataset("fixture", train, dev, test, checksum);
    }
}
