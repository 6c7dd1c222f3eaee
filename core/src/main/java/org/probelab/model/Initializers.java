package org.probelab.model;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/** Fresh BERT weights, initialised as Google's BERT does, reproducibly from a seed. */
public final class Initializers {
    private Initializers() {
    }

    /**
     * Kernels and embeddings from a normal with stddev {@code initializerRange} truncated at two
     * standard deviations, LayerNorm gamma 1 and beta 0, biases 0. Every tensor draws from its own
     * stream derived from the seed and its name, so the values do not depend on iteration order.
     */
    public static Weights random(BertConfig config, long seed) {
        return random(config, seed, name -> true);
    }

    /** Fresh weights for the tensors whose names pass {@code which}, as {@link #random(BertConfig, long)} draws them. */
    public static Weights random(BertConfig config, long seed, Predicate<String> which) {
        Weights weights = new Weights("random init (seed " + seed + ")");
        for (Map.Entry<String, long[]> e : BertNames.shapes(config).entrySet()) {
            String name = e.getKey();
            if (!which.test(name)) {
                continue;
            }
            float[] values = new float[Math.toIntExact(elementCount(e.getValue()))];
            if (name.endsWith("/gamma")) {
                Arrays.fill(values, 1f);
            } else if (!name.endsWith("/beta") && !name.endsWith("/bias")) {
                long stream = seed ^ (name.hashCode() * 0x9E3779B97F4A7C15L);
                fillTruncatedNormal(values, config.initializerRange(), new SplittableRandom(stream));
            }
            weights.put(new WeightTensor(name, e.getValue(), FloatBuffer.wrap(values)));
        }
        return weights;
    }

    private static void fillTruncatedNormal(float[] values, float stddev, SplittableRandom random) {
        for (int i = 0; i < values.length; i++) {
            double z;
            do {
                z = gaussian(random);
            } while (Math.abs(z) > 2);
            values[i] = (float) (z * stddev);
        }
    }

    /** Marsaglia's polar method; SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    private static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
