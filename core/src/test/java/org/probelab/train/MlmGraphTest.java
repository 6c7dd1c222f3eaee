package org.probelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.probelab.model.BertConfig;
import org.probelab.model.BertGraph;
import org.probelab.model.BertModel;
import org.probelab.model.DeviceOptions;
import org.probelab.model.Initializers;
import org.probelab.train.mlm.MaskedSequence;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * The gathered objective equals the usual one (logits at every position, BertForMaskedLM's way, then the
 * cross-entropy read at the masked positions): same rows, same head, same numbers.
 */
class MlmGraphTest {
    @Test
    void theLossOnGatheredRowsEqualsTheCrossEntropyOfTheFullLogitsAtTheMaskedPositions() {
        BertConfig config = SyntheticTask.config();
        MlmSettings settings = MlmSettings.PRETRAINING;
        List<MaskedSequence> batch = List.of(
                new MaskedSequence(new int[] {2, 5, 4, 7, 8, 3}, new int[] {2, 4}, new int[] {6, 9}),
                new MaskedSequence(new int[] {2, 10, 11, 4, 3}, new int[] {1, 3}, new int[] {10, 12}));
        int vocab = config.vocabSize();
        try (BertModel model = BertModel.create(config, Initializers.random(config, 5), DeviceOptions.cpu(),
                BertGraph.Dropout.SWITCHABLE);
             MlmBatch feeds = new MlmBatch(batch, 0, 0.25f)) {
            MlmGraph graph = new MlmGraph(model, settings);
            try (Result r = feeds.feed(model.session(), graph).fetch(graph.rowLosses).fetch(graph.loss)
                    .fetch(graph.bert.mlmLogits()).run()) {
                float[] rowLosses = new float[4];
                ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(rowLosses);
                float loss = ((TFloat32) r.get(1)).getFloat();
                TFloat32 full = (TFloat32) r.get(2);
                int seq = 6;
                int[][] rows = {{0, 2, 6}, {0, 4, 9}, {1, 1, 10}, {1, 3, 12}};
                double sum = 0;
                for (int i = 0; i < rows.length; i++) {
                    int b = rows[i][0];
                    int p = rows[i][1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int v = 0; v < vocab; v++) {
                        max = Math.max(max, full.getFloat(b, p, v));
                    }
                    double z = 0;
                    for (int v = 0; v < vocab; v++) {
                        z += Math.exp(full.getFloat(b, p, v) - max);
                    }
                    double expected = Math.log(z) + max - full.getFloat(b, p, rows[i][2]);
                    assertEquals(expected, rowLosses[i], 1e-4, "row " + i + " (sequence " + b + ", position " + p + ")");
                    sum += expected;
                }
                assertEquals(sum * 0.25, loss, 1e-4);
                assertEquals(seq, full.shape().size(1));
            }
        }
    }
}
