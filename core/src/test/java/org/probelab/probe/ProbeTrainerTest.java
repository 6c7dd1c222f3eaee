package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.probelab.Progress;
import org.probelab.represent.LabelledVectors;

class ProbeTrainerTest {
    private static final SyntheticVectors.Clusters CLUSTERS = new SyntheticVectors.Clusters(5, 32, 11);
    private static final LabelledVectors TRAIN = CLUSTERS.sample(2000, 1);
    private static final LabelledVectors DEV = CLUSTERS.sample(500, 2);
    private static final LabelledVectors TEST = CLUSTERS.sample(500, 3);

    private static final ProbeTrainer TRAINER = new ProbeTrainer("layer 3", Progress.NONE);

    private static ProbeConfig config(ProbeKind kind, int epochs) {
        return new ProbeConfig(kind, 32, 32, 1e-5, 1e-2, 64, epochs, 3, 7);
    }

    @Test
    void learnableClustersAreProbedAbove95PercentByLinearAndMlp() {
        for (ProbeKind kind : ProbeKind.values()) {
            Evaluation test = TRAINER.train(config(kind, 10), TRAIN, DEV).evaluate(TEST);
            assertTrue(test.accuracy() > 0.95, kind + " test accuracy " + test.accuracy());
            assertEquals(TEST.rows(), test.n());
        }
    }

    @Test
    void shuffledLabelsStayNearChanceOnTest() {
        LabelledVectors train = SyntheticVectors.shuffledLabels(TRAIN, 1);
        LabelledVectors dev = SyntheticVectors.shuffledLabels(DEV, 2);
        LabelledVectors test = SyntheticVectors.shuffledLabels(TEST, 3);
        for (ProbeKind kind : ProbeKind.values()) {
            double accuracy = TRAINER.train(config(kind, 10), train, dev).evaluate(test).accuracy();
            assertTrue(accuracy < 1.0 / 5 + 0.1, kind + " test accuracy on shuffled labels " + accuracy);
        }
    }

    @Test
    void mlpBeatsLinearOnAnXorLabelling() {
        LabelledVectors train = SyntheticVectors.xor(2000, 6, 1);
        LabelledVectors dev = SyntheticVectors.xor(500, 6, 2);
        LabelledVectors test = SyntheticVectors.xor(500, 6, 3);
        double linear = TRAINER.train(config(ProbeKind.LINEAR, 20), train, dev).evaluate(test).accuracy();
        double mlp = TRAINER.train(config(ProbeKind.MLP, 20), train, dev).evaluate(test).accuracy();
        assertTrue(linear < 0.7, "linear accuracy " + linear);
        assertTrue(mlp > 0.9, "MLP accuracy " + mlp);
    }

    @Test
    void labelsNeverSeenInTrainingAreCountedAsErrorsNotCrashedOn() {
        LabelledVectors dev = SyntheticVectors.relabel(DEV, "INTJ", 0);
        LabelledVectors test = SyntheticVectors.relabel(TEST, "X", 4, 5, 6);
        TrainedProbe probe = TRAINER.train(config(ProbeKind.LINEAR, 5), TRAIN, dev);
        Evaluation evaluation = probe.evaluate(test);
        assertEquals(Map.of("X", 3), evaluation.unseenLabels());
        assertEquals(3, evaluation.unseenCount());
        assertTrue(evaluation.accuracy() <= (test.rows() - 3.0) / test.rows());
        int unseenRow = evaluation.labels().indexOf("X");
        assertEquals(3, java.util.Arrays.stream(evaluation.confusion()[unseenRow]).sum());
        assertTrue(probe.devAccuracy() < 1.0, "the unseen dev label must count as an error");
    }

    @Test
    void sameSeedGivesTheSamePredictions() {
        ProbeConfig mlp = config(ProbeKind.MLP, 3);
        TrainedProbe first = TRAINER.train(mlp, TRAIN, DEV);
        TrainedProbe second = TRAINER.train(mlp, TRAIN, DEV);
        assertEquals(first.devAccuracy(), second.devAccuracy());
        assertEquals(first.predict(TEST), second.predict(TEST));
    }

    @Test
    void probesTrainedTogetherLearnAsIfTrainedAlone() {
        ProbeConfig mild = config(ProbeKind.MLP, 4);
        ProbeConfig crushing = mild.withL2(10).withSeed(8);
        List<TrainedProbe> together = TRAINER.trainTogether(List.of(mild, crushing), TRAIN, DEV);
        assertEquals(List.of(mild, crushing), together.stream().map(TrainedProbe::config).toList());
        assertEquals(TRAINER.train(mild, TRAIN, DEV).devAccuracy(), together.get(0).devAccuracy(), 0.01);
        assertEquals(TRAINER.train(crushing, TRAIN, DEV).devAccuracy(), together.get(1).devAccuracy(), 0.01);
        assertTrue(together.get(0).devAccuracy() > together.get(1).devAccuracy() + 0.3,
                "an L2 weight of 10 must cripple the probe: " + together.get(1).devAccuracy());
    }

    @Test
    void probesOfDifferentShapesCannotBeTrainedTogether() {
        ProbeConfig small = config(ProbeKind.MLP, 2);
        ProbeConfig wide = new ProbeConfig(ProbeKind.MLP, 64, 32, 1e-5, 1e-2, 64, 2, 3, 7);
        assertThrows(IllegalArgumentException.class, () -> TRAINER.trainTogether(List.of(small, wide), TRAIN, DEV));
    }

    @Test
    void trainingStopsPatienceEpochsAfterTheBestDevEpochAndSaysItFinished() {
        List<long[]> updates = new ArrayList<>();
        ProbeTrainer trainer = new ProbeTrainer("layer 3", (task, done, total) -> updates.add(new long[] {done, total}));
        ProbeConfig patient2 = new ProbeConfig(ProbeKind.LINEAR, 0, 0, 1e-5, 1e-2, 64, 50, 2, 7);
        TrainedProbe probe = trainer.train(patient2, SyntheticVectors.shuffledLabels(TRAIN, 1),
                SyntheticVectors.shuffledLabels(DEV, 2));
        long epochs = updates.stream().filter(u -> u[1] == 50).count();
        assertTrue(epochs < 50, "ran all " + epochs + " epochs");
        assertEquals(probe.bestEpoch() + 2, epochs);
        // the last report closes the training at the epochs it ran, so no display keeps an unfinished bar
        assertArrayEquals(new long[] {epochs, epochs}, updates.get(updates.size() - 1));
        assertEquals(epochs + 1, updates.size());
    }

    @Test
    void nanInputVectorsAreRejectedNamingTheLayerSplitAndRow() {
        LabelledVectors broken = SyntheticVectors.withValue(DEV, 17, 4, Float.NaN);
        ProbeTrainingException error = assertThrows(ProbeTrainingException.class,
                () -> TRAINER.train(config(ProbeKind.LINEAR, 2), TRAIN, broken));
        assertTrue(error.getMessage().contains("layer 3"), error.getMessage());
        assertTrue(error.getMessage().contains("dev"), error.getMessage());
        assertTrue(error.getMessage().contains("row 17, component 4"), error.getMessage());
    }

    @Test
    void aLossThatStopsBeingANumberIsReportedNamingTheConfig() {
        // Finite inputs near Float.MAX_VALUE overflow in the first matrix product.
        LabelledVectors huge = SyntheticVectors.scaled(TRAIN, 1e37f);
        ProbeConfig linear = config(ProbeKind.LINEAR, 2);
        ProbeTrainingException error = assertThrows(ProbeTrainingException.class,
                () -> TRAINER.train(linear, huge, DEV));
        assertTrue(error.getMessage().contains("layer 3"), error.getMessage());
        assertTrue(error.getMessage().contains(linear.describe()), error.getMessage());
        assertTrue(error.getMessage().contains("loss"), error.getMessage());
    }

    @Test
    void vectorsOfAnotherDimensionAreRejected() {
        LabelledVectors otherDim = new SyntheticVectors.Clusters(5, 16, 1).sample(50, 1);
        TrainedProbe probe = TRAINER.train(config(ProbeKind.LINEAR, 1), TRAIN, DEV);
        ProbeTrainingException error = assertThrows(ProbeTrainingException.class, () -> probe.evaluate(otherDim));
        assertTrue(error.getMessage().contains("dimension 16"), error.getMessage());
    }
}
