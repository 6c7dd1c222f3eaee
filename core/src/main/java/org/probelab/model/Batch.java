package org.probelab.model;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TInt32;

/** A checked batch of padded WordPiece id rows and their real lengths, ready to feed. */
record Batch(int[] ids, int[] mask, int size, int seqLength) {

    /** The input tensors of one run; closing frees their native memory. */
    record Tensors(TInt32 ids, TInt32 mask) implements AutoCloseable {
        @Override
        public void close() {
            ids.close();
            mask.close();
        }
    }

    /**
     * Checks rows against each other and against the model: equal length, lengths in range, ids in
     * the vocabulary, no longer than the position table.
     */
    static Batch of(int[][] rows, int[] lengths, BertConfig config) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("empty batch: pass at least one row of ids");
        }
        if (lengths == null || lengths.length != rows.length) {
            throw new IllegalArgumentException("got " + rows.length + " rows of ids but "
                    + (lengths == null ? "no" : lengths.length) + " lengths");
        }
        int seqLength = rows[0].length;
        if (seqLength > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("rows have " + seqLength + " positions, more than the model's "
                    + config.maxPositionEmbeddings() + " position embeddings: truncate or split the input");
        }
        int[] ids = new int[rows.length * seqLength];
        int[] mask = new int[rows.length * seqLength];
        for (int b = 0; b < rows.length; b++) {
            if (rows[b].length != seqLength) {
                throw new IllegalArgumentException("row " + b + " has " + rows[b].length + " positions, row 0 has "
                        + seqLength + ": pad all rows of a batch to the same length");
            }
            if (lengths[b] < 1 || lengths[b] > seqLength) {
                throw new IllegalArgumentException("length of row " + b + " is " + lengths[b]
                        + ", must be in 1.." + seqLength);
            }
            for (int t = 0; t < seqLength; t++) {
                int id = rows[b][t];
                if (id < 0 || id >= config.vocabSize()) {
                    throw new IllegalArgumentException("id " + id + " at row " + b + ", position " + t
                            + " is outside the vocabulary 0.." + (config.vocabSize() - 1));
                }
                ids[b * seqLength + t] = id;
                mask[b * seqLength + t] = t < lengths[b] ? 1 : 0;
            }
        }
        return new Batch(ids, mask, rows.length, seqLength);
    }

    Tensors toTensors() {
        Shape shape = Shape.of(size, seqLength);
        TInt32 idTensor = TInt32.tensorOf(shape, DataBuffers.of(ids, true, false));
        try {
            return new Tensors(idTensor, TInt32.tensorOf(shape, DataBuffers.of(mask, true, false)));
        } catch (RuntimeException e) {
            idTensor.close();
            throw e;
        }
    }
}
