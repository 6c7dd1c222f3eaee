package org.probelab.represent;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.probelab.model.ComputePrecision;

/**
 * How vectors are extracted. Every default is in {@link #DEFAULTS}; change one with the {@code with...}
 * methods.
 *
 * @param wordPooling     how subwords of a word are pooled
 * @param sentencePooling how a sentence vector is made
 * @param precision       storage precision of the cached vectors
 * @param layers          hidden states to keep (0 = embeddings); empty = all of the encoder's
 * @param tokenBudget     padded tokens (rows × padded length) per encoder call; bounds memory per batch
 * @param windowStride    for inputs longer than the encoder accepts: subwords between window starts,
 *                        or {@link #HALF_WINDOW}
 * @param compute         the arithmetic of the forward (float32, or bf16 where the CPU has the instructions)
 */
public record ExtractionOptions(WordPooling wordPooling, SentencePooling sentencePooling, Precision precision,
                                List<Integer> layers, int tokenBudget, int windowStride, ComputePrecision compute) {

    /** {@code windowStride} value meaning half of the encoder's window. */
    public static final int HALF_WINDOW = 0;

    public static final ExtractionOptions DEFAULTS = new ExtractionOptions(
            WordPooling.MEAN, SentencePooling.CLS, Precision.FLOAT32, List.of(), 2048, HALF_WINDOW,
            ComputePrecision.FLOAT32);

    public ExtractionOptions {
        Objects.requireNonNull(wordPooling, "wordPooling");
        Objects.requireNonNull(sentencePooling, "sentencePooling");
        Objects.requireNonNull(precision, "precision");
        if (compute == null) {
            compute = ComputePrecision.FLOAT32; // a spec written before bf16 existed ran in float32
        }
        layers = List.copyOf(layers);
        if (tokenBudget <= 0) {
            throw new IllegalArgumentException("tokenBudget must be positive, got " + tokenBudget);
        }
        if (windowStride < 0) {
            throw new IllegalArgumentException("windowStride must be positive (or HALF_WINDOW), got " + windowStride);
        }
    }

    public ExtractionOptions withWordPooling(WordPooling pooling) {
        return new ExtractionOptions(pooling, sentencePooling, precision, layers, tokenBudget, windowStride, compute);
    }

    public ExtractionOptions withSentencePooling(SentencePooling pooling) {
        return new ExtractionOptions(wordPooling, pooling, precision, layers, tokenBudget, windowStride, compute);
    }

    public ExtractionOptions withPrecision(Precision storage) {
        return new ExtractionOptions(wordPooling, sentencePooling, storage, layers, tokenBudget, windowStride, compute);
    }

    public ExtractionOptions withCompute(ComputePrecision arithmetic) {
        return new ExtractionOptions(wordPooling, sentencePooling, precision, layers, tokenBudget, windowStride,
                arithmetic);
    }

    public ExtractionOptions withLayers(int... keep) {
        return new ExtractionOptions(wordPooling, sentencePooling, precision,
                Arrays.stream(keep).boxed().toList(), tokenBudget, windowStride, compute);
    }

    public ExtractionOptions withTokenBudget(int paddedTokens) {
        return new ExtractionOptions(wordPooling, sentencePooling, precision, layers, paddedTokens, windowStride, compute);
    }

    public ExtractionOptions withWindowStride(int subwords) {
        return new ExtractionOptions(wordPooling, sentencePooling, precision, layers, tokenBudget, subwords, compute);
    }

    /**
     * The requested layers, ascending and distinct, checked against the encoder.
     *
     * @throws IllegalArgumentException for a layer the encoder does not have
     */
    public int[] resolveLayers(int numHiddenStates) {
        if (layers.isEmpty()) {
            return IntStream.range(0, numHiddenStates).toArray();
        }
        int[] resolved = layers.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        for (int layer : resolved) {
            if (layer < 0 || layer >= numHiddenStates) {
                throw new IllegalArgumentException("layer " + layer + " does not exist: the encoder has hidden states 0.."
                        + (numHiddenStates - 1) + " (0 = embeddings)");
            }
        }
        return resolved;
    }

    /**
     * Subwords between window starts for a window of {@code capacity} subwords.
     *
     * @throws IllegalArgumentException when the stride would leave words out of every window
     */
    public int resolveStride(int capacity) {
        int stride = windowStride == HALF_WINDOW ? Math.max(1, capacity / 2) : windowStride;
        if (stride > capacity) {
            throw new IllegalArgumentException("windowStride " + stride + " exceeds the window of " + capacity
                    + " subwords: words between windows would get no vector");
        }
        return stride;
    }
}
