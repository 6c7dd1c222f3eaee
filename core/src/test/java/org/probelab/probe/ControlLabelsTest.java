package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.probelab.represent.Task;
import org.probelab.text.Dataset;
import org.probelab.text.Sentence;
import org.probelab.text.Split;
import org.probelab.text.Word;

class ControlLabelsTest {
    /** 300 word types, Zipf-like frequencies; UPOS NOUN for 60% of the tokens, VERB 30%, ADJ 10%. */
    private static List<Sentence> sentences(int count, long seed) {
        Random random = new Random(seed);
        List<Sentence> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            List<Word> words = new ArrayList<>();
            int length = 3 + random.nextInt(8);
            for (int i = 0; i < length; i++) {
                int type = (int) Math.floor(Math.exp(random.nextDouble() * Math.log(300)));
                double u = random.nextDouble();
                String upos = u < 0.6 ? "NOUN" : u < 0.9 ? "VERB" : "ADJ";
                String form = "t" + type;
                int head = i == 0 ? 0 : 1;
                words.add(new Word(form, head, List.of(Integer.toString(i + 1), form, form, upos, "_", "_",
                        Integer.toString(head), i == 0 ? "root" : "dep", "_", "_")));
            }
            out.add(new Sentence("s" + s, "test:" + s, words, null));
        }
        return out;
    }

    private static final Dataset DATA = new Dataset("zipf", sentences(400, 1), sentences(60, 2), sentences(60, 3), "c");

    private static Map<Split, List<String>> gold(Task task) {
        Map<Split, List<String>> gold = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            List<String> labels = new ArrayList<>();
            DATA.split(split).forEach(s -> task.targets(s).targets().forEach(t -> labels.add(t.label())));
            gold.put(split, labels);
        }
        return gold;
    }

    @Test
    void everyWordTypeKeepsOneLabelAcrossSplitsDrawnFromTheTaskDistribution() {
        Map<Split, List<String>> control = ControlLabels.of(ControlTask.WORD_TYPES, DATA, Task.pos(), gold(Task.pos()),
                ControlTask.SEED);

        Map<String, String> labelOfType = new HashMap<>();
        for (Split split : Split.values()) {
            List<String> labels = control.get(split);
            assertEquals(gold(Task.pos()).get(split).size(), labels.size());
            int row = 0;
            for (Sentence sentence : DATA.split(split)) {
                for (String form : sentence.forms()) {
                    String previous = labelOfType.putIfAbsent(form, labels.get(row));
                    assertTrue(previous == null || previous.equals(labels.get(row)),
                            form + " has two control labels: " + previous + ", " + labels.get(row));
                    row++;
                }
            }
        }
        // Each type's label is drawn from the train distribution (60/30/10), so over ~300 types the shares are near it.
        Map<String, Integer> perType = new TreeMap<>();
        labelOfType.values().forEach(label -> perType.merge(label, 1, Integer::sum));
        assertEquals(List.of("ADJ", "NOUN", "VERB"), List.copyOf(perType.keySet()));
        double nounShare = perType.get("NOUN") / (double) labelOfType.size();
        assertTrue(nounShare > 0.5 && nounShare < 0.7, "NOUN share among types " + nounShare);
    }

    @Test
    void aTypeGetsTheSameLabelWhateverElseIsInTheDataAndAnotherSeedDrawsAnotherLabelling() {
        Map<Split, List<String>> full = ControlLabels.of(ControlTask.WORD_TYPES, DATA, Task.pos(), gold(Task.pos()), 7);
        Dataset testOnly = new Dataset("part", DATA.train(), List.of(), DATA.test(), "d");
        Map<Split, List<String>> gold = gold(Task.pos());
        gold.put(Split.DEV, List.of());
        Map<Split, List<String>> part = ControlLabels.of(ControlTask.WORD_TYPES, testOnly, Task.pos(), gold, 7);
        Map<Split, List<String>> reseeded = ControlLabels.of(ControlTask.WORD_TYPES, DATA, Task.pos(), gold(Task.pos()), 8);

        assertEquals(full.get(Split.TEST), part.get(Split.TEST));
        assertNotEquals(full.get(Split.TRAIN), reseeded.get(Split.TRAIN));
    }

    @Test
    void edgesAreTypedByTheirHeadAndDependentForms() {
        Map<Split, List<String>> control = ControlLabels.of(ControlTask.WORD_TYPES, DATA, Task.dep(false),
                gold(Task.dep(false)), ControlTask.SEED);
        Map<String, String> labelOfPair = new HashMap<>();
        int row = 0;
        for (Sentence sentence : DATA.train()) {
            for (Task.Target target : Task.dep(false).targets(sentence).targets()) {
                String pair = sentence.forms().get(target.words()[0]) + " " + sentence.forms().get(target.words()[1]);
                String label = control.get(Split.TRAIN).get(row++);
                assertEquals(labelOfPair.computeIfAbsent(pair, p -> label), label, pair);
            }
        }
        assertTrue(labelOfPair.size() > 100, "edge types " + labelOfPair.size());
    }

    @Test
    void shuffledTokensPermuteEachSplitsOwnLabels() {
        Map<Split, List<String>> gold = gold(Task.pos());
        Map<Split, List<String>> control = ControlLabels.of(ControlTask.SHUFFLED_TOKENS, DATA, Task.pos(), gold, 3);
        for (Split split : Split.values()) {
            List<String> expected = new ArrayList<>(gold.get(split));
            List<String> actual = new ArrayList<>(control.get(split));
            assertNotEquals(expected, actual, split + " was not shuffled");
            expected.sort(null);
            actual.sort(null);
            assertEquals(expected, actual, split + " lost or gained labels");
        }
    }

    @Test
    void labelsThatDoNotLineUpWithTheDataAndSentenceTasksAreRefused() {
        Map<Split, List<String>> gold = gold(Task.pos());
        List<String> dev = new ArrayList<>(gold.get(Split.DEV));
        dev.remove(dev.size() - 1);
        gold.put(Split.DEV, dev);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ControlLabels.of(ControlTask.WORD_TYPES, DATA, Task.pos(), gold, 1));
        assertTrue(e.getMessage().contains("dev") && e.getMessage().contains("extract again"), e.getMessage());

        IllegalArgumentException sentence = assertThrows(IllegalArgumentException.class,
                () -> ControlLabels.requireApplicable(ControlTask.WORD_TYPES, Task.sentence()));
        assertTrue(sentence.getMessage().contains("shuffled-tokens"), sentence.getMessage());
        ControlLabels.requireApplicable(ControlTask.SHUFFLED_TOKENS, Task.sentence());
    }
}
