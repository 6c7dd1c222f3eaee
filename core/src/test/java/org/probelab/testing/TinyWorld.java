package org.probelab.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.probelab.model.BertConfig;
import org.probelab.model.BertModel;
import org.probelab.model.DeviceOptions;
import org.probelab.model.ModelSaver;
import org.probelab.data.ConllU;
import org.probelab.data.Sentence;
import org.probelab.data.Word;

/**
 * A tiny random BERT saved as a Google-format directory, and a CoNLL-U file over its vocabulary
 * whose extra column 10 holds a learnable label (a fixed class per word type) and column 11 the
 * same labels shuffled across tokens (a control task nothing can learn).
 */
public final class TinyWorld {
    public static final int LEARNABLE_COLUMN = 10;
    public static final int SHUFFLED_COLUMN = 11;
    public static final int CLASSES = 4;
    private static final List<String> SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private TinyWorld() {
    }

    /** Word types of the tiny language. */
    public static List<String> words() {
        List<String> words = new ArrayList<>();
        for (char c = 'a'; c <= 'x'; c++) {
            words.add("w" + c);
        }
        return words;
    }

    /** Saves a random 2-layer BERT (hidden 32) with a vocabulary of {@link #words()} into {@code dir}. */
    public static Path model(Path dir, long seed) throws IOException {
        return model(dir, seed, 32, 2);
    }

    /** A random BERT of the given width and depth, for tests that need TensorFlow busy for a while. */
    public static Path model(Path dir, long seed, int hidden, int layers) throws IOException {
        return model(dir, seed, hidden, layers, 2 * hidden);
    }

    /** As {@link #model(Path, long, int, int)}, with an encoder window of {@code maxPositions} subwords. */
    public static Path model(Path dir, long seed, int hidden, int layers, int maxPositions) throws IOException {
        List<String> vocab = new ArrayList<>(SPECIALS);
        vocab.addAll(words());
        Path vocabFile = Files.createDirectories(dir.resolve("vocab-src")).resolve("vocab.txt");
        Files.write(vocabFile, vocab);
        BertConfig config = BertConfig.small(vocab.size(), hidden, layers, 2, maxPositions);
        try (BertModel model = BertModel.random(config, seed, DeviceOptions.cpu())) {
            Path modelDir = dir.resolve("tiny-bert");
            ModelSaver.save(config, vocabFile, true, model.exportWeights(), modelDir, ModelSaver.Format.TF_CHECKPOINT);
            return modelDir;
        }
    }

    /** Writes {@code sentences} random sentences of 4–12 words to {@code file}. */
    public static Path treebank(Path file, int sentences, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> types = words();
        List<Sentence> out = new ArrayList<>();
        for (int s = 0; s < sentences; s++) {
            int n = 4 + random.nextInt(9);
            List<Word> words = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int type = random.nextInt(types.size());
                String form = types.get(type);
                String learnable = "c" + (type % CLASSES);
                String shuffled = "c" + random.nextInt(CLASSES);
                int head = i == 0 ? 0 : 1;
                words.add(new Word(form, head, List.of(Integer.toString(i + 1), form, form, "X", "_", "_",
                        Integer.toString(head), i == 0 ? "root" : "dep", "_", "_", learnable, shuffled)));
            }
            out.add(new Sentence("s" + s, file + ":" + s, words, null));
        }
        ConllU.write(out, file);
        return file;
    }
}
