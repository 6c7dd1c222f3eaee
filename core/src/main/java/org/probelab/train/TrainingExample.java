package org.probelab.train;

/**
 * One sentence ready for a task head: its WordPiece ids with [CLS] and [SEP], and one row per
 * labelled target.
 *
 * @param ids    [CLS] subwords [SEP]
 * @param spans  per row, {@code 2 * arity} subword offsets into {@code ids}: start and end (exclusive) of
 *               each pooled word (head word first for edges); empty rows for sentence targets
 * @param labels per row, the class index, or {@link org.probelab.probe.LabelSet#UNSEEN} for a dev or test
 *               label the training data never shows
 */
public record TrainingExample(int[] ids, int[][] spans, int[] labels) {
    public int length() {
        return ids.length;
    }

    public int rows() {
        return labels.length;
    }
}
