package org.probelab.probe;

import java.util.Locale;

/**
 * How one probe is trained. {@code h1, h2} are the MLP's hidden sizes (ignored by LINEAR);
 * {@code l2} weighs the sum of squared weights (not biases) added to the mean cross-entropy.
 * An MLP trains with Adam at {@code learningRate} on batches of {@code batchSize} and stops after
 * {@code patience} epochs without a better dev accuracy, or after {@code maxEpochs}. A LINEAR probe is
 * solved by L-BFGS over all training rows at once, from zero: {@code maxEpochs} caps its iterations,
 * and learning rate, batch size, patience and seed play no part (its optimum is unique).
 * {@link ProbeDefaults} turns the protocol's step budget into epochs for a given number of rows.
 */
public record ProbeConfig(ProbeKind kind, int h1, int h2, double l2, double learningRate, int batchSize,
                          int maxEpochs, int patience, long seed) {

    public ProbeConfig {
        if (kind == null) {
            throw new IllegalArgumentException("probe kind is missing");
        }
        if (kind == ProbeKind.MLP && (h1 < 1 || h2 < 1)) {
            throw new IllegalArgumentException("MLP hidden sizes must be >= 1, got " + h1 + "x" + h2);
        }
        require(l2 >= 0 && Double.isFinite(l2), "l2", l2);
        require(learningRate > 0 && Double.isFinite(learningRate), "learningRate", learningRate);
        require(batchSize >= 1, "batchSize", batchSize);
        require(maxEpochs >= 1, "maxEpochs", maxEpochs);
        require(patience >= 1, "patience", patience);
    }

    private static void require(boolean ok, String field, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("probe config field " + field + " is out of range: " + value);
        }
    }

    public ProbeConfig withL2(double newL2) {
        return new ProbeConfig(kind, h1, h2, newL2, learningRate, batchSize, maxEpochs, patience, seed);
    }

    public ProbeConfig withSeed(long newSeed) {
        return new ProbeConfig(kind, h1, h2, l2, learningRate, batchSize, maxEpochs, patience, newSeed);
    }

    /** Configs that can be trained side by side, one step for all: same kind and, for MLPs, the same step size and batch. */
    boolean trainsAlongside(ProbeConfig other) {
        return kind == other.kind && (kind == ProbeKind.LINEAR
                || learningRate == other.learningRate && batchSize == other.batchSize);
    }

    /** A short human-readable description, e.g. {@code MLP 256x256 l2=1e-05 lr=1e-03 batch=512 seed=1}. */
    public String describe() {
        if (kind == ProbeKind.LINEAR) {
            return String.format(Locale.ROOT, "LINEAR l2=%.0e", l2);
        }
        return String.format(Locale.ROOT, "MLP %dx%d l2=%.0e lr=%.0e batch=%d seed=%d", h1, h2, l2, learningRate,
                batchSize, seed);
    }
}
