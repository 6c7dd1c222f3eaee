package org.probelab.model;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;

/** Test fixtures: a complete set of BERT tensors filled with seeded random values. */
final class RandomWeights {
    private RandomWeights() {
    }

    /** A tiny BERT: 11 word pieces, width 8, 2 layers, 2 heads, 6 positions. */
    static BertConfig tinyConfig() {
        return BertConfig.small(11, 8, 2, 2, 6);
    }

    static Weights of(BertConfig config, long seed) {
        Random random = new Random(seed);
        Weights weights = new Weights("random seed " + seed);
        for (Map.Entry<String, long[]> e : BertNames.shapes(config).entrySet()) {
            weights.put(tensor(e.getKey(), e.getValue(), random));
        }
        return weights;
    }

    static WeightTensor tensor(String name, long[] shape, Random random) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] values = new float[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return new WeightTensor(name, shape, FloatBuffer.wrap(values));
    }

    static float[] values(WeightTensor t) {
        FloatBuffer b = t.values().duplicate();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }
}
