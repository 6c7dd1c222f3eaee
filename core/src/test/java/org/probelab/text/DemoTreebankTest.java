package org.probelab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTreebankTest {
    private static final Set<String> UD_UPOS = Set.of("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN",
            "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X");
    private static final Set<String> UD_RELATIONS = Set.of("acl", "advcl", "advmod", "amod", "appos", "aux", "case",
            "cc", "ccomp", "clf", "compound", "conj", "cop", "csubj", "dep", "det", "discourse", "dislocated", "expl",
            "fixed", "flat", "goeswith", "iobj", "list", "mark", "nmod", "nsubj", "nummod", "obj", "obl", "orphan",
            "parataxis", "punct", "reparandum", "root", "vocative", "xcomp");

    private static Dataset demo;

    @BeforeAll
    static void generate() {
        demo = DemoTreebank.generate(3000, 11);
    }

    private static List<Sentence> all(Dataset dataset) {
        return Stream.of(dataset.train(), dataset.dev(), dataset.test()).flatMap(List::stream).toList();
    }

    @Test
    void sameSeedGivesTheSameTreebankAndAnotherSeedAnotherOne() {
        Dataset again = DemoTreebank.generate(3000, 11);
        Dataset other = DemoTreebank.generate(3000, 12);
        assertEquals(all(demo), all(again));
        assertEquals(demo.checksum(), again.checksum());
        assertNotEquals(all(demo), all(other));
        assertNotEquals(demo.checksum(), other.checksum());
    }

    @Test
    void splitsEightyTenTenAndSentencesHaveThreeToTwentyFiveWords() {
        assertEquals("demo", demo.name());
        assertEquals(2400, demo.train().size());
        assertEquals(300, demo.dev().size());
        assertEquals(300, demo.test().size());
        Set<Integer> lengths = new TreeSet<>();
        for (Sentence sentence : all(demo)) {
            assertTrue(sentence.length() >= 3 && sentence.length() <= 25, sentence.id() + " " + sentence.forms());
            lengths.add(sentence.length());
        }
        assertTrue(lengths.size() >= 15, "lengths vary: " + lengths);
    }

    @Test
    void everySentenceIsOneTreeWithASingleRootAndNoCycles() {
        for (Sentence sentence : all(demo)) {
            List<Word> words = sentence.words();
            int roots = 0;
            for (int i = 0; i < words.size(); i++) {
                Word word = words.get(i);
                assertTrue(word.head() >= 0 && word.head() <= words.size(), sentence.id());
                assertTrue(word.head() != i + 1, sentence.id() + ": word is its own head");
                assertEquals(word.head() == 0, word.deprel().equals("root"), sentence.id());
                roots += word.head() == 0 ? 1 : 0;
                int steps = 0;
                for (int node = i + 1; node != 0; node = words.get(node - 1).head()) {
                    assertTrue(++steps <= words.size(), sentence.id() + ": cycle through word " + (i + 1));
                }
            }
            assertEquals(1, roots, sentence.id() + " " + sentence.forms());
        }
    }

    @Test
    void everyWordHasLemmaUdTagsPtbTagAndUdRelation() {
        Set<String> subtypes = new HashSet<>();
        for (Sentence sentence : all(demo)) {
            for (Word word : sentence.words()) {
                String where = sentence.id() + " " + word.form();
                assertTrue(!word.form().isBlank() && !word.column(2).isBlank() && !word.column(2).equals("_"), where);
                assertTrue(UD_UPOS.contains(word.upos()), where + " upos " + word.upos());
                assertTrue(word.xpos().matches("[A-Z$]+|[.,]"), where + " xpos " + word.xpos());
                assertTrue(UD_RELATIONS.contains(word.deprelBase()), where + " deprel " + word.deprel());
                if (!word.deprel().equals(word.deprelBase())) {
                    subtypes.add(word.deprel());
                }
            }
        }
        assertTrue(subtypes.containsAll(Set.of("nmod:poss", "nsubj:pass", "aux:pass", "obl:agent", "obl:unmarked")),
                "subtypes: " + subtypes);
    }

    @Test
    void ambiguousWordsOccurWithAtLeastTwoPartsOfSpeech() {
        Map<String, Set<String>> tags = new HashMap<>();
        for (Sentence sentence : all(demo)) {
            for (Word word : sentence.words()) {
                tags.computeIfAbsent(word.form().toLowerCase(Locale.ROOT), f -> new TreeSet<>()).add(word.upos());
            }
        }
        List<String> unambiguous = new ArrayList<>();
        for (String form : List.of("light", "run", "can", "saw", "watch", "book", "play", "park", "fly", "train",
                "water", "left", "back")) {
            if (tags.getOrDefault(form, Set.of()).size() < 2) {
                unambiguous.add(form + "=" + tags.get(form));
            }
        }
        assertEquals(List.of(), unambiguous);
    }

    @Test
    void statementsQuestionsAndCommandsAllOccurWithMatchingFinalPunctuation() {
        Map<String, Integer> counts = new HashMap<>();
        for (Sentence sentence : all(demo)) {
            counts.merge(sentence.label(), 1, Integer::sum);
            String last = sentence.words().get(sentence.length() - 1).form();
            assertEquals(sentence.label().equals("question"), last.equals("?"), sentence.id());
        }
        assertEquals(Set.copyOf(DemoTreebank.LABELS), counts.keySet());
        counts.values().forEach(count -> assertTrue(count >= 300, "labels: " + counts));
    }

    @Test
    void writtenConllUReadsBackToTheSameSentences(@TempDir Path dir) {
        Path file = dir.resolve("demo-train.conllu");
        ConllU.write(demo.train(), file);
        List<Sentence> back = ConllU.read(file);
        assertEquals(demo.train().size(), back.size());
        for (int i = 0; i < back.size(); i++) {
            Sentence expected = demo.train().get(i);
            assertEquals(expected.id(), back.get(i).id());
            assertEquals(expected.label(), back.get(i).label());
            assertEquals(expected.words(), back.get(i).words());
        }
    }
}
