package org.probelab.data.demo;

import org.probelab.data.Checksums;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic English treebank for demos and tests that runs without downloads: sentences from a
 * small grammar over a few hundred real words, many of them ambiguous between word classes, with
 * gold LEMMA, UPOS, PTB XPOS, HEAD and UD DEPREL for every word and a sentence label
 * (statement, question or command). The same seed always gives the same treebank.
 */
public final class DemoTreebank {
    public static final String NAME = "demo";
    public static final List<String> LABELS = List.of(DemoClauses.STATEMENT, DemoClauses.QUESTION,
            DemoClauses.COMMAND);

    private static final int MIN_WORDS = 3;
    private static final int MAX_WORDS = 25;

    private DemoTreebank() {
    }

    /** {@code sentences} sentences split 80/10/10 into train, dev and test. */
    public static Dataset generate(int sentences, long seed) {
        if (sentences < 0) {
            throw new IllegalArgumentException("sentence count must not be negative, got " + sentences);
        }
        SplittableRandom random = new SplittableRandom(seed);
        DemoClauses grammar = new DemoClauses(random);
        List<Sentence> all = new ArrayList<>(sentences);
        while (all.size() < sentences) {
            String label = pickLabel(random);
            Sentence sentence = grammar.sentence("demo-" + (all.size() + 1), label);
            // Retry instead of trimming, so every sentence stays a complete grammatical tree.
            if (sentence.length() >= MIN_WORDS && sentence.length() <= MAX_WORDS) {
                all.add(sentence);
            }
        }
        int trainEnd = sentences * 8 / 10;
        int devEnd = sentences * 9 / 10;
        List<Sentence> train = all.subList(0, trainEnd);
        List<Sentence> dev = all.subList(trainEnd, devEnd);
        List<Sentence> test = all.subList(devEnd, sentences);
        return new Dataset(NAME, train, dev, test, Checksums.ofSplits(train, dev, test));
    }

    private static String pickLabel(SplittableRandom random) {
        double roll = random.nextDouble();
        return roll < 0.5 ? DemoClauses.STATEMENT : roll < 0.78 ? DemoClauses.QUESTION : DemoClauses.COMMAND;
    }
}
