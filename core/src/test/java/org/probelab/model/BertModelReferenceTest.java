package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The TensorFlow graph against the plain-Java reference forward pass, on a tiny random BERT. */
class BertModelReferenceTest {
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest
    @EnumSource(GeluKind.class)
    void everyHiddenStateMatchesReferenceForPaddedBatch(GeluKind gelu) {
        BertConfig config = TinyBert.config(gelu);
        Weights weights = TinyBert.weights(config, 7);
        ReferenceBert reference = new ReferenceBert(config, weights);
        Random random = new Random(1);
        int[][] rows = {TinyBert.ids(random, 9), TinyBert.ids(random, 4), TinyBert.ids(random, 13)};

        try (BertModel model = BertModel.create(config, weights, DeviceOptions.cpu())) {
            HiddenStates states = model.encode(TinyBert.padded(0, rows), TinyBert.lengths(rows),
                    TinyBert.allStates(config));
            for (int b = 0; b < rows.length; b++) {
                double[][][] expected = reference.hiddenStates(rows[b]);
                for (int s = 0; s < config.numHiddenStates(); s++) {
                    for (int t = 0; t < rows[b].length; t++) {
                        for (int i = 0; i < config.hiddenSize(); i++) {
                            assertEquals(expected[s][t][i], states.values()[s][states.offset(b, t) + i], TOLERANCE,
                                    "state " + s + ", row " + b + ", position " + t + ", unit " + i);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GeluKind.class)
    void pooledOutputAndMlmLogitsMatchReference(GeluKind gelu) {
        BertConfig config = TinyBert.config(gelu);
        Weights weights = TinyBert.weights(config, 11);
        ReferenceBert reference = new ReferenceBert(config, weights);
        Random random = new Random(2);
        int[][] rows = {TinyBert.ids(random, 6), TinyBert.ids(random, 10)};

        try (BertModel model = BertModel.create(config, weights, DeviceOptions.cpu())) {
            int[][] batch = TinyBert.padded(0, rows);
            float[][] pooled = model.pooledOutput(batch, TinyBert.lengths(rows));
            float[] logits = model.mlmLogits(batch, TinyBert.lengths(rows));
            int seq = batch[0].length;
            for (int b = 0; b < rows.length; b++) {
                double[] expectedPooled = reference.pooled(rows[b]);
                for (int i = 0; i < config.hiddenSize(); i++) {
                    assertEquals(expectedPooled[i], pooled[b][i], TOLERANCE, "pooled row " + b + " unit " + i);
                }
                double[][] expectedLogits = reference.mlmLogits(rows[b]);
                for (int t = 0; t < rows[b].length; t++) {
                    for (int v = 0; v < config.vocabSize(); v++) {
                        double tolerance = TOLERANCE * Math.max(1, Math.abs(expectedLogits[t][v]));
                        assertEquals(expectedLogits[t][v], logits[(b * seq + t) * config.vocabSize() + v], tolerance,
                                "logit row " + b + " position " + t + " id " + v);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GeluKind.class)
    void fillMaskReturnsReferenceArgmaxAtMaskPositions(GeluKind gelu) {
        BertConfig config = TinyBert.config(gelu);
        Weights weights = TinyBert.weights(config, 13);
        int maskId = 3;
        int[] ids = {1, 20, maskId, 31, maskId, 2};
        double[][] logits = new ReferenceBert(config, weights).mlmLogits(ids);

        try (BertModel model = BertModel.create(config, weights, DeviceOptions.cpu())) {
            var filled = model.fillMask(ids, maskId, 3);
            assertEquals(2, filled.size());
            assertEquals(argmax(logits[2]), filled.get(0)[0]);
            assertEquals(argmax(logits[4]), filled.get(1)[0]);
            assertTrue(logits[2][filled.get(0)[1]] >= logits[2][filled.get(0)[2]], "top-k is sorted best first");
        }
    }

    @Test
    void geluKindsGiveDifferentOutputsSoTheToleranceCanTellThemApart() {
        int[] ids = TinyBert.ids(new Random(3), 8);
        double[][][] tanh = new ReferenceBert(TinyBert.config(GeluKind.TANH),
                TinyBert.weights(TinyBert.config(GeluKind.TANH), 7)).hiddenStates(ids);
        double[][][] erf = new ReferenceBert(TinyBert.config(GeluKind.ERF),
                TinyBert.weights(TinyBert.config(GeluKind.ERF), 7)).hiddenStates(ids);
        double maxDiff = 0;
        for (int t = 0; t < ids.length; t++) {
            for (int i = 0; i < tanh[2][t].length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(tanh[2][t][i] - erf[2][t][i]));
            }
        }
        assertTrue(maxDiff > 10 * TOLERANCE, "tanh and erf GELU differ by only " + maxDiff);
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
