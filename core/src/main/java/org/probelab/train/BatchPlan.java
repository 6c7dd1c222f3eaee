package org.probelab.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Which examples make up each batch, and in which order: a pure function of the seed and the epoch,
 * so a resumed stage replays the same order from where it stopped.
 *
 * <p>Length bucketing: the examples are shuffled, taken in pools of {@value #POOL_BATCHES} batches,
 * sorted by length inside a pool and cut into batches; the batches are then shuffled. Batches hold
 * sentences of similar length (little padding) while every epoch still sees a new mix.
 */
public final class BatchPlan {
    /** Batches per sorting pool: large enough for tight length buckets, small enough to keep the mix random. */
    static final int POOL_BATCHES = 50;

    private BatchPlan() {
    }

    /** Example indices of every batch of epoch {@code epoch} (0-based). */
    public static List<int[]> epoch(List<TrainingExample> examples, int batchSize, long seed, int epoch) {
        return epoch(lengths(examples), batchSize, seed, epoch);
    }

    /** Indices of every batch of epoch {@code epoch} (0-based) over items of the given lengths. */
    public static List<int[]> epoch(int[] lengths, int batchSize, long seed, int epoch) {
        Random random = new Random(seed * 1_000_003L + epoch);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        List<int[]> batches = new ArrayList<>();
        int pool = batchSize * POOL_BATCHES;
        for (int from = 0; from < order.size(); from += pool) {
            List<Integer> sorted = new ArrayList<>(order.subList(from, Math.min(order.size(), from + pool)));
            sorted.sort(Comparator.comparingInt(i -> lengths[i]));
            for (int b = 0; b < sorted.size(); b += batchSize) {
                batches.add(sorted.subList(b, Math.min(sorted.size(), b + batchSize)).stream()
                        .mapToInt(Integer::intValue).toArray());
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /** Optimizer steps per epoch for {@code examples} examples. */
    public static int stepsPerEpoch(int examples, int batchSize) {
        return (examples + batchSize - 1) / batchSize;
    }

    /**
     * Splits one batch into passes whose padded size (rows × longest row) stays within
     * {@code tokenBudget}; a single example over budget still gets a pass of its own.
     */
    public static List<int[]> microBatches(List<TrainingExample> examples, int[] batch, int tokenBudget) {
        return microBatches(lengths(examples), batch, tokenBudget);
    }

    /** As {@link #microBatches(List, int[], int)}, for items of the given lengths. */
    public static List<int[]> microBatches(int[] lengths, int[] batch, int tokenBudget) {
        int[] sorted = java.util.Arrays.stream(batch).boxed()
                .sorted(Comparator.comparingInt(i -> lengths[i]))
                .mapToInt(Integer::intValue).toArray();
        List<int[]> passes = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= sorted.length; i++) {
            boolean end = i == sorted.length;
            if (end || (long) (i - start + 1) * lengths[sorted[i]] > tokenBudget) {
                passes.add(java.util.Arrays.copyOfRange(sorted, start, i));
                start = i;
            }
        }
        return passes;
    }

    private static int[] lengths(List<TrainingExample> examples) {
        return examples.stream().mapToInt(TrainingExample::length).toArray();
    }
}
