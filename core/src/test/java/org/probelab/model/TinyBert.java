package org.probelab.model;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/** A tiny BERT config and weights with every tensor random, so biases and LayerNorm parameters matter. */
final class TinyBert {
    static final int VOCAB = 50;

    private TinyBert() {
    }

    static BertConfig config(GeluKind gelu) {
        return new BertConfig(VOCAB, 16, 2, 2, 32, 24, 2, gelu, 0.1f, 0.1f, 0.02f, BertConfig.LAYER_NORM_EPS);
    }

    static Weights weights(BertConfig config, long seed) {
        Random random = new Random(seed);
        Weights weights = new Weights("TinyBert seed " + seed);
        for (Map.Entry<String, long[]> e : BertNames.shapes(config).entrySet()) {
            long n = 1;
            for (long d : e.getValue()) {
                n *= d;
            }
            float[] values = new float[(int) n];
            boolean gamma = e.getKey().endsWith("/gamma");
            for (int i = 0; i < values.length; i++) {
                values[i] = gamma ? 1 + 0.2f * (float) random.nextGaussian() : 0.5f * (float) random.nextGaussian();
            }
            weights.put(new WeightTensor(e.getKey(), e.getValue(), FloatBuffer.wrap(values)));
        }
        return weights;
    }

    /** Random ids in 1..VOCAB-1 (0 is kept for padding, which the model must ignore anyway). */
    static int[] ids(Random random, int length) {
        int[] ids = new int[length];
        for (int t = 0; t < length; t++) {
            ids[t] = 1 + random.nextInt(VOCAB - 1);
        }
        return ids;
    }

    /** Rows padded to the longest with {@code pad}. */
    static int[][] padded(int pad, int[]... rows) {
        int longest = 0;
        for (int[] row : rows) {
            longest = Math.max(longest, row.length);
        }
        int[][] batch = new int[rows.length][longest];
        for (int b = 0; b < rows.length; b++) {
            Arrays.fill(batch[b], pad);
            System.arraycopy(rows[b], 0, batch[b], 0, rows[b].length);
        }
        return batch;
    }

    static int[] lengths(int[]... rows) {
        int[] lengths = new int[rows.length];
        for (int b = 0; b < rows.length; b++) {
            lengths[b] = rows[b].length;
        }
        return lengths;
    }

    static int[] allStates(BertConfig config) {
        int[] layers = new int[config.numHiddenStates()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = i;
        }
        return layers;
    }
}
