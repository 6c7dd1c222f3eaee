package org.probelab.probe;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.probelab.Progress;
import org.probelab.represent.LabelledVectors;

/**
 * Minimum description length probing by online code (Voita & Titov, "Information-Theoretic Probing with
 * Minimum Description Length", EMNLP 2020): the training items, in a seeded random order, are cut into
 * blocks at {@link #BLOCK_FRACTIONS}; the first block is sent with the uniform code, every later block
 * with a probe trained (by {@link ProbeTrainer}, early stopping on dev) on all items before it. The total
 * is the codelength of the labels given the vectors: low when a simple probe learns the task from few
 * items, which accuracy alone cannot tell.
 */
public final class OnlineCode {
    /** The paper's block boundaries, as shares of the training items: 0.1 % … 50 %, 100 %. */
    public static final List<Double> BLOCK_FRACTIONS =
            List.of(0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.0625, 0.125, 0.25, 0.5, 1.0);

    private final ProbeConfig config;
    private final long seed;
    private final Progress progress;

    /**
     * @param config the probe trained on each prefix (the layer's chosen config, so codelength and accuracy
     *               measure the same probe)
     * @param seed   fixes the order of the items
     */
    public OnlineCode(ProbeConfig config, long seed, Progress progress) {
        this.config = config;
        this.seed = seed;
        this.progress = progress;
    }

    /**
     * Codes the labels of {@code train}; {@code dev} stops each block's training early.
     *
     * @throws IllegalArgumentException when {@code train} has fewer than 2 items or a single label (nothing to code)
     */
    public OnlineCodeResult measure(String subject, LabelledVectors train, LabelledVectors dev) {
        int n = train.rows();
        List<String> labels = List.copyOf(new TreeSet<>(train.labels()));
        if (n < 2 || labels.size() < 2) {
            throw new IllegalArgumentException("online code of " + subject + ": needs at least 2 training items and 2"
                    + " labels, got " + n + " items with labels " + labels);
        }
        int[] order = permutation(n, seed);
        List<Integer> ends = blockEnds(n);
        double bitsPerLabel = Math.log(labels.size()) / Math.log(2);
        List<Double> bits = new ArrayList<>();
        bits.add(ends.get(0) * bitsPerLabel);
        ProbeTrainer trainer = new ProbeTrainer(subject + " online code", progress);
        String task = "online code " + subject;
        for (int b = 1; b < ends.size(); b++) {
            progress.update(task, b - 1, ends.size() - 1);
            LabelledVectors seen = rows(train, order, 0, ends.get(b - 1));
            LabelledVectors next = rows(train, order, ends.get(b - 1), ends.get(b));
            TrainedProbe probe = trainer.trainTogether(List.of(config), seen, dev, labels).get(0);
            bits.add(probe.codelength(next));
        }
        progress.update(task, ends.size() - 1, ends.size() - 1);
        double online = bits.stream().mapToDouble(Double::doubleValue).sum();
        return new OnlineCodeResult(n, labels.size(), ends, bits, n * bitsPerLabel, online);
    }

    /**
     * Where each block ends for {@code n} items: the fractions rounded, at least one item for the first
     * block, and blocks that would be empty on small data merged into the next.
     */
    static List<Integer> blockEnds(int n) {
        List<Integer> ends = new ArrayList<>();
        for (double fraction : BLOCK_FRACTIONS) {
            int end = Math.max(1, (int) Math.round(fraction * n));
            if (ends.isEmpty() || end > ends.get(ends.size() - 1)) {
                ends.add(end);
            }
        }
        return ends;
    }

    private static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Items {@code order[from .. to)} of {@code data}, copied. */
    private static LabelledVectors rows(LabelledVectors data, int[] order, int from, int to) {
        int dim = data.dim();
        FloatBuffer vectors = FloatBuffer.allocate((to - from) * dim);
        List<String> labels = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            vectors.put(data.vectors().slice(order[i] * dim, dim));
            labels.add(data.labels().get(order[i]));
        }
        return new LabelledVectors(dim, vectors.flip(), labels);
    }
}
