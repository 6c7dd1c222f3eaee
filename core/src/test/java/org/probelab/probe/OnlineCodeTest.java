package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.probelab.Progress;
import org.probelab.represent.LabelledVectors;

class OnlineCodeTest {
    private static final SyntheticVectors.Clusters CLUSTERS = new SyntheticVectors.Clusters(4, 8, 21);
    private static final LabelledVectors TRAIN = CLUSTERS.sample(2000, 1);
    private static final LabelledVectors DEV = CLUSTERS.sample(300, 2);
    /** A linear probe that learns from few items: a large step, small batches. */
    private static final ProbeConfig LINEAR = new ProbeConfig(ProbeKind.LINEAR, 0, 0, 1e-4, 1e-2, 32, 30, 5, 1);

    @Test
    void blocksEndAtThePapersFractionsAndSmallDataMergesEmptyBlocks() {
        assertEquals(List.of(10, 20, 40, 80, 160, 320, 625, 1250, 2500, 5000, 10000), OnlineCode.blockEnds(10_000));
        assertEquals(List.of(1, 2, 3, 6, 13, 25, 50, 100), OnlineCode.blockEnds(100));
        assertEquals(List.of(1, 2), OnlineCode.blockEnds(2));
    }

    @Test
    void learnableLabelsCompressAndShuffledOnesDoNot() {
        OnlineCodeResult learnable = new OnlineCode(LINEAR, 3, Progress.NONE).measure("layer 1", TRAIN, DEV);
        OnlineCodeResult shuffled = new OnlineCode(LINEAR, 3, Progress.NONE).measure("layer 1",
                SyntheticVectors.shuffledLabels(TRAIN, 4), SyntheticVectors.shuffledLabels(DEV, 5));

        assertEquals(2000 * 2.0, learnable.uniformBits(), 1e-9, "2000 items × log2(4 labels)");
        assertEquals(OnlineCode.blockEnds(2000), learnable.blockEnds());
        assertEquals(2 * 2.0, learnable.blockBits().get(0), 1e-9, "the first block (2 items) goes uniform");
        assertEquals(learnable.blockBits().stream().mapToDouble(Double::doubleValue).sum(), learnable.onlineBits(), 1e-9);
        assertTrue(learnable.compression() > 4, "learnable compression " + learnable.compression());
        // Noise cannot be coded below the uniform code (a probe that overfits the blocks even pays more).
        assertTrue(shuffled.compression() < 1.05, "shuffled compression " + shuffled.compression());
    }

    @Test
    void theSameSeedGivesTheSameCodelength() {
        LabelledVectors train = CLUSTERS.sample(400, 6);
        OnlineCodeResult first = new OnlineCode(LINEAR, 9, Progress.NONE).measure("layer 2", train, DEV);
        OnlineCodeResult second = new OnlineCode(LINEAR, 9, Progress.NONE).measure("layer 2", train, DEV);
        assertEquals(first, second);
    }

    @Test
    void aProbeCodesEachItemWithMinusLog2OfItsSoftmaxProbability() {
        // One linear layer from 2 inputs to 3 labels: logits = x·W + b.
        float[] kernel = {1, 0, -1, 0, 2, 0};
        float[] bias = {0, 0.5f, 0};
        TrainedProbe probe = new TrainedProbe("layer 0", LINEAR, List.of("a", "b", "c"), List.of(2, 3),
                List.of(kernel, bias), 1.0, new TrainingOutcome(1, 1, false));
        float[][] rows = {{1, 0}, {0, 1}, {2, -1}};
        List<String> gold = List.of("a", "b", "c");
        double expected = 0;
        for (int r = 0; r < rows.length; r++) {
            double[] logits = new double[3];
            for (int j = 0; j < 3; j++) {
                logits[j] = rows[r][0] * kernel[j] + rows[r][1] * kernel[3 + j] + bias[j];
            }
            double normaliser = Math.log(Math.exp(logits[0]) + Math.exp(logits[1]) + Math.exp(logits[2]));
            expected += (normaliser - logits[r]) / Math.log(2);
        }
        FloatBuffer buffer = FloatBuffer.allocate(6);
        for (float[] row : rows) {
            buffer.put(row);
        }
        LabelledVectors data = new LabelledVectors(2, buffer.flip(), gold);

        assertEquals(expected, probe.codelength(data), 1e-5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probe.codelength(new LabelledVectors(2, data.vectors(), List.of("a", "z", "c"))));
        assertTrue(e.getMessage().contains("'z'") && e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void aProbeTrainedWithTheTasksLabelsCanCodeLabelsItsBlockLacked() {
        List<String> labels = new ArrayList<>(TRAIN.labels().subList(0, 3));
        LabelledVectors fewRows = new LabelledVectors(TRAIN.dim(), TRAIN.vectors().slice(0, 3 * TRAIN.dim()), labels);
        List<String> all = List.of("c0", "c1", "c2", "c3");
        TrainedProbe probe = new ProbeTrainer("layer 1", Progress.NONE).trainTogether(List.of(LINEAR), fewRows, DEV, all)
                .get(0);

        assertEquals(all, probe.labels());
        assertTrue(Double.isFinite(probe.codelength(DEV)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProbeTrainer("layer 1", Progress.NONE).trainTogether(List.of(LINEAR), TRAIN, DEV,
                        List.of("c0", "c1")));
        assertTrue(e.getMessage().contains("c2"), e.getMessage());
    }
}
