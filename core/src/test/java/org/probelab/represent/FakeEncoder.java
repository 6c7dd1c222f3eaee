package org.probelab.represent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.probelab.model.Encoder;
import org.probelab.model.HiddenStates;

/**
 * An encoder whose hidden state is a known function of layer, token id and position ({@link #value}),
 * except [CLS], which also depends on the row's real length (so windows' [CLS] vectors differ). It checks
 * the rows it gets ([CLS] … [SEP] then padding, within the maximum length) and records them.
 */
class FakeEncoder implements Encoder {
    static final int HIDDEN = 4;
    static final int STATES = 3;

    final int maxLength;
    final List<int[]> rows = new ArrayList<>();
    final List<Integer> paddedTokensPerCall = new ArrayList<>();
    final List<int[]> layersPerCall = new ArrayList<>();
    int calls;

    FakeEncoder(int maxLength) {
        this.maxLength = maxLength;
    }

    static float value(int layer, int id, int position, int h) {
        return 1000f * layer + 10f * id + position + h / 8f;
    }

    static float clsValue(int layer, int rowLength, int h) {
        return value(layer, FakeTokenizer.CLS, 0, h) + 0.5f * rowLength;
    }

    @Override
    public int numHiddenStates() {
        return STATES;
    }

    @Override
    public int hiddenSize() {
        return HIDDEN;
    }

    @Override
    public int maxSequenceLength() {
        return maxLength;
    }

    @Override
    public HiddenStates encode(int[][] ids, int[] lengths, int[] layers) {
        calls++;
        int seqLen = ids[0].length;
        paddedTokensPerCall.add(ids.length * seqLen);
        layersPerCall.add(layers.clone());
        float[][] values = new float[layers.length][ids.length * seqLen * HIDDEN];
        for (int b = 0; b < ids.length; b++) {
            checkRow(ids[b], lengths[b], seqLen);
            rows.add(Arrays.copyOf(ids[b], lengths[b]));
            for (int i = 0; i < layers.length; i++) {
                for (int t = 0; t < seqLen; t++) {
                    for (int h = 0; h < HIDDEN; h++) {
                        values[i][(b * seqLen + t) * HIDDEN + h] = t == 0
                                ? clsValue(layers[i], lengths[b], h)
                                : value(layers[i], ids[b][t], t, h);
                    }
                }
            }
        }
        return new HiddenStates(layers.clone(), ids.length, seqLen, HIDDEN, values);
    }

    private void checkRow(int[] row, int length, int seqLen) {
        if (row.length != seqLen || length > maxLength || row[0] != FakeTokenizer.CLS
                || row[length - 1] != FakeTokenizer.SEP) {
            throw new AssertionError("malformed row " + Arrays.toString(row) + " of length " + length);
        }
        for (int t = length; t < seqLen; t++) {
            if (row[t] != FakeTokenizer.PAD) {
                throw new AssertionError("row not padded after its length: " + Arrays.toString(row));
            }
        }
    }

    @Override
    public void close() {
    }
}
