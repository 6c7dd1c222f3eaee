package org.probelab.geometry;

import java.util.List;

/**
 * Linear CKA between two sets of layers on the same items: {@code biased[i][j]} and
 * {@code debiased[i][j]} compare {@code rowNames.get(i)} with {@code columnNames.get(j)}.
 *
 * @param items    how many items (rows) every layer had
 * @param biased   CKA with the plug-in HSIC estimator (Kornblith et al. 2019, eq. 4 with centred Grams)
 * @param debiased CKA with the unbiased HSIC estimator (Song et al. 2012), which does not drift towards 1
 *                 when the dimension is large against the number of items
 */
public record CkaMatrix(List<String> rowNames, List<String> columnNames, int items, double[][] biased,
                        double[][] debiased) {
    public CkaMatrix {
        rowNames = List.copyOf(rowNames);
        columnNames = List.copyOf(columnNames);
        biased = copy(biased);
        debiased = copy(debiased);
    }

    @Override
    public double[][] biased() {
        return copy(biased);
    }

    @Override
    public double[][] debiased() {
        return copy(debiased);
    }

    /** The values of one estimator. */
    public double[][] values(boolean debiasedEstimator) {
        return debiasedEstimator ? debiased() : biased();
    }

    /**
     * {@code values[i][i]}: each row layer against the column layer in the same position, e.g. layer
     * {@code i} of a pre-trained model against layer {@code i} of its fine-tuned copy.
     *
     * @throws IllegalStateException when the matrix is not square
     */
    public double[] diagonal(boolean debiasedEstimator) {
        if (rowNames.size() != columnNames.size()) {
            throw new IllegalStateException("a " + rowNames.size() + " × " + columnNames.size()
                    + " CKA matrix has no diagonal; compare the same number of layers on both sides");
        }
        double[][] values = debiasedEstimator ? debiased : biased;
        double[] out = new double[rowNames.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i][i];
        }
        return out;
    }

    private static double[][] copy(double[][] matrix) {
        double[][] out = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            out[i] = matrix[i].clone();
        }
        return out;
    }
}
