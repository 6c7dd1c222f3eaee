package org.probelab.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.probelab.model.BertConfig;
import org.probelab.model.Initializers;
import org.probelab.model.PretrainedModel;
import org.probelab.model.Weights;
import org.probelab.model.WeightsChecksum;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.data.Word;

/**
 * A tiny random BERT and a synthetic treebank it can learn: a word's POS is its type mod 3, an edge's
 * relation is the head word's type mod 3 (so only the head side of head ⊕ dependent tells it), a
 * sentence's label is the parity all its word types share. Half the words split into two subwords
 * ({@code u3x} = {@code u3 ##x}), so pooling matters.
 */
final class SyntheticTask {
    private static final List<String> SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
    static final int TYPES = 12;

    private SyntheticTask() {
    }

    static BertConfig config() {
        return BertConfig.small(SPECIALS.size() + 2 * TYPES + 1, 32, 2, 2, 64);
    }

    /** Words {@code t0..t11} are whole word pieces; {@code u0x..u11x} split into {@code uN} and {@code ##x}. */
    static List<String> vocab() {
        List<String> vocab = new ArrayList<>(SPECIALS);
        for (int t = 0; t < TYPES; t++) {
            vocab.add("t" + t);
            vocab.add("u" + t);
        }
        vocab.add("##x");
        return vocab;
    }

    static PretrainedModel model(Path dir, BertConfig config, long seed) throws IOException {
        Path vocab = Files.createDirectories(dir).resolve("vocab.txt");
        Files.write(vocab, vocab());
        Weights weights = Initializers.random(config, seed);
        return new PretrainedModel("synthetic-" + seed, config, vocab, true, weights, WeightsChecksum.compute(weights));
    }

    static Dataset data(int train, int dev, long seed) {
        Random random = new Random(seed);
        return new Dataset("synthetic", sentences(train, random), sentences(dev, random), sentences(dev, random),
                "synthetic-" + seed + "-" + train + "-" + dev);
    }

    private static List<Sentence> sentences(int count, Random random) {
        List<Sentence> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int n = 3 + random.nextInt(6);
            int parity = random.nextInt(2);
            int[] types = new int[n];
            for (int i = 0; i < n; i++) {
                types[i] = 2 * random.nextInt(TYPES / 2) + parity;
            }
            List<Word> words = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean split = random.nextBoolean();
                String form = split ? "u" + types[i] + "x" : "t" + types[i];
                int head = i == 0 ? 0 : 1;
                String relation = i == 0 ? "root" : "r" + types[0] % 3;
                words.add(new Word(form, head, List.of(Integer.toString(i + 1), form, form, "P" + types[i] % 3, "_",
                        "_", Integer.toString(head), relation, "_", "_")));
            }
            out.add(new Sentence("s" + s, "synthetic:" + s, words, "L" + parity));
        }
        return out;
    }
}
