package org.probelab.probe;

import java.util.List;

/**
 * The online codelength of a task's training labels given a layer's vectors (Voita & Titov, EMNLP 2020).
 *
 * @param items       training items coded
 * @param labels      the number of labels K (the uniform code spends log₂ K bits per item)
 * @param blockEnds   the end (exclusive) of each block in the seeded item order; block 0 starts at 0
 * @param blockBits   bits spent on each block: block 0 with the uniform code, block i by a probe trained on
 *                    the items before it
 * @param uniformBits items × log₂ K, the codelength without looking at the vectors
 * @param onlineBits  the sum of {@code blockBits}
 */
public record OnlineCodeResult(int items, int labels, List<Integer> blockEnds, List<Double> blockBits,
                               double uniformBits, double onlineBits) {
    public OnlineCodeResult {
        blockEnds = List.copyOf(blockEnds);
        blockBits = List.copyOf(blockBits);
    }

    /** Uniform over online codelength: how many times the vectors shrink the labels' code (higher: more regular). */
    public double compression() {
        return uniformBits / onlineBits;
    }
}
