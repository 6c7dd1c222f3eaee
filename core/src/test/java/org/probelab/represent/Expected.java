package org.probelab.represent;

import java.util.List;
import org.probelab.text.Tokenized;

/**
 * Vectors computed straight from {@link FakeEncoder#value}, independently of the extraction code, for
 * sentences that fit one window (subword {@code k} of the sentence sits at row position {@code 1 + k}).
 */
final class Expected {
    private Expected() {
    }

    static float[] word(Tokenized tokens, int word, int layer, WordPooling pooling) {
        int start = tokens.wordStart()[word];
        int count = pooling == WordPooling.FIRST ? 1 : tokens.wordEnd()[word] - start;
        return meanOfPositions(tokens.ids(), start, 1 + start, count, layer);
    }

    /** Mean of {@code count} subwords from {@code ids[from..]} sitting at row positions {@code position..}. */
    static float[] meanOfPositions(int[] ids, int from, int position, int count, int layer) {
        float[] vector = new float[FakeEncoder.HIDDEN];
        for (int k = 0; k < count; k++) {
            for (int h = 0; h < vector.length; h++) {
                vector[h] += FakeEncoder.value(layer, ids[from + k], position + k, h);
            }
        }
        for (int h = 0; h < vector.length; h++) {
            vector[h] /= count;
        }
        return vector;
    }

    static float[] cls(int layer, int rowLength) {
        float[] vector = new float[FakeEncoder.HIDDEN];
        for (int h = 0; h < vector.length; h++) {
            vector[h] = FakeEncoder.clsValue(layer, rowLength, h);
        }
        return vector;
    }

    static float[] concat(float[] first, float[] second) {
        float[] both = new float[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    static float[] row(LabelledVectors vectors, int row) {
        float[] values = new float[vectors.dim()];
        vectors.row(row, values);
        return values;
    }

    static float[] mean(List<float[]> vectors) {
        float[] sum = new float[vectors.get(0).length];
        for (float[] vector : vectors) {
            for (int h = 0; h < sum.length; h++) {
                sum[h] += vector[h];
            }
        }
        for (int h = 0; h < sum.length; h++) {
            sum[h] /= vectors.size();
        }
        return sum;
    }
}
