package org.probelab.model;

/**
 * Hidden states of one batch: for each requested layer a row-major float array of shape
 * [batch, seqLen, hidden].
 */
public record HiddenStates(int[] layers, int batch, int seqLen, int hidden, float[][] values) {
    /** Offset in {@code values[i]} of position {@code t} of row {@code b}. */
    public int offset(int b, int t) {
        return (b * seqLen + t) * hidden;
    }
}
