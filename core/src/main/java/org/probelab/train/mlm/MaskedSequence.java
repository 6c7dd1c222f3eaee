package org.probelab.train.mlm;

/**
 * A sequence as the model sees it under one mask, and what it must predict.
 *
 * @param inputIds  the ids fed, with the chosen positions replaced as the {@link MaskRule} says
 * @param positions the chosen positions, ascending
 * @param targets   the original id at each chosen position
 */
public record MaskedSequence(int[] inputIds, int[] positions, int[] targets) {
}
