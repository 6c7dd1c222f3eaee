package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void probesOfDifferentShapesTrainTogetherAsIfAlone() {
        ProbeConfig small = new ProbeConfig(ProbeKind.MLP, 4, 4, 1e-5, 1e-2, 64, 3, 3, 7);
        ProbeConfig wide = new ProbeConfig(ProbeKind.MLP, 64, 32, 1e-5, 1e-2, 64, 3, 3, 9);
        List<TrainedProbe> together = TRAINER.trainTogether(List.of(wide, small, wide.withL2(1e-3)), TRAIN, DEV);
        assertEquals(List.of(wide, small, wide.withL2(1e-3)), together.stream().map(TrainedProbe::config).toList());
        assertEquals(TRAINER.train(small, TRAIN, DEV).predict(TEST), together.get(1).predict(TEST));
        assertEquals(TRAINER.train(wide, TRAIN, DEV).predict(TEST), together.get(0).predict(TEST));
    }

    @Test
    void probesOfDifferentBatchSizesCannotBeTrainedTogether() {
        ProbeConfig small = config(ProbeKind.MLP, 2);
        ProbeConfig otherBatch = new ProbeConfig(ProbeKind.MLP, 32, 32, 1e-5, 1e-2, 128, 2, 3, 7);
        assertThrows(IllegalArgumentException.class,
                () -> TRAINER.trainTogether(List.of(small, otherBatch), TRAIN, DEV));
    }

    @Test
    void trainingStopsPatienceEpochsAfterTheBestDevEpoch() {
        List<long[]> updates = new ArrayList<>();
        ProbeTrainer trainer = new ProbeTrainer("layer 3", (task, done, total) -> updates.add(new long[] {done, total}));
        ProbeConfig patient2 = new ProbeConfig(ProbeKind.MLP, 8, 8, 1e-5, 1e-2, 64, 50, 2, 7);
        TrainedProbe probe = trainer.train(patient2, SyntheticVectors.shuffledLabels(TRAIN, 1),
                SyntheticVectors.shuffledLabels(DEV, 2));
        int epochs = (int) updates.stream().filter(u -> u[1] == 50).count();
        assertTrue(epochs < 50, "ran all " + epochs + " epochs");
        assertEquals(probe.training().bestEpoch() + 2, epochs);
        assertEquals(new TrainingOutcome(probe.training().bestEpoch(), epochs, false), probe.training());
        // the last report closes the training at the epochs it ran, so no display keeps an unfinished bar
        assertArrayEquals(new long[] {epochs, epochs}, updates.get(updates.size() - 1));
    }

    @Test
    void aProbeCutOffWhileImprovingSaysTheBudgetRanOut() {
        // One epoch of batch 64 at a small rate cannot finish learning the clusters.
        ProbeConfig oneEpoch = new ProbeConfig(ProbeKind.MLP, 32, 32, 1e-5, 1e-4, 64, 1, 3, 7);
        TrainingOutcome outcome = TRAINER.train(oneEpoch, TRAIN, DEV).training();
        assertEquals(new TrainingOutcome(1, 1, true), outcome);
        assertTrue(outcome.peakedAtLastEpoch());
    }

    @Test
    void aLinearlySeparableProblemIsFittedWithoutAnError() {
        LabelledVectors train = SyntheticVectors.separable(6, 24, 3000, 0.5, 1);
        LabelledVectors test = SyntheticVectors.separable(6, 24, 1000, 0.5, 2);
        TrainedProbe probe = TRAINER.train(config(ProbeKind.LINEAR, 500).withL2(1e-7), train, test);
        assertEquals(1.0, probe.evaluate(train).accuracy(), "training accuracy");
        assertEquals(1.0, probe.evaluate(test).accuracy(), "test accuracy");
        assertFalse(probe.training().budgetRanOut(), probe.training().toString());
    }

    @Test
    void linearProbesOfDifferentSeedsAgreeOnTheConvexProblem() {
        LabelledVectors train = SyntheticVectors.shuffledLabels(TRAIN, 4);
        ProbeConfig linear = config(ProbeKind.LINEAR, 500).withL2(1e-3);
        List<TrainedProbe> seeds = TRAINER.trainTogether(List.of(linear, linear.withSeed(8), linear.withSeed(9)),
                train, DEV);
        for (TrainedProbe seed : seeds) {
            assertEquals(seeds.get(0).predict(TEST), seed.predict(TEST));
            assertEquals(seeds.get(0).devAccuracy(), seed.devAccuracy());
        }
        // Fitted alone, with other L2 weights beside it, the same optimum.
        List<TrainedProbe> withOthers = TRAINER.trainTogether(List.of(linear.withL2(1), linear, linear.withL2(1e-7)),
                train, DEV);
        List<String> alone = seeds.get(0).predict(TEST);
        List<String> together = withOthers.get(1).predict(TEST);
        long same = java.util.stream.IntStream.range(0, alone.size()).filter(i -> alone.get(i).equals(together.get(i)))
                .count();
        assertTrue(same >= 0.99 * alone.size(), "float32 rounding may move a point or two, not more: " + same);
    }

    @Test
    void aLargeSharedOffsetDoesNotCollapseALinearProbeOntoTheMajorityClass() {
        // 40 classes under a common component 100x larger than their spread: where mini-batch Adam at a
        // fixed rate spent its few steps on the offset, the convex solver does not care about scale.
        SyntheticVectors.Clusters many = new SyntheticVectors.Clusters(40, 64, 5);
        LabelledVectors train = SyntheticVectors.shifted(many.sample(4000, 1), 300);
        LabelledVectors dev = SyntheticVectors.shifted(many.sample(500, 2), 300);
        LabelledVectors test = SyntheticVectors.shifted(many.sample(500, 3), 300);
        ProbeConfig linear = ProbeDefaults.quick(ProbeKind.LINEAR, train.rows());
        Evaluation evaluation = TRAINER.train(linear, train, dev).evaluate(test);
        assertTrue(evaluation.accuracy() > 0.95, "test accuracy " + evaluation.accuracy());
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
        for (ProbeKind kind : ProbeKind.values()) {
            ProbeConfig config = config(kind, 2);
            ProbeTrainingException error = assertThrows(ProbeTrainingException.class,
                    () -> TRAINER.train(config, huge, DEV));
            assertTrue(error.getMessage().contains("layer 3"), error.getMessage());
            assertTrue(error.getMessage().contains(config.describe()), error.getMessage());
            assertTrue(error.getMessage().contains("loss"), error.getMessage());
        }
    }

    @Test
    void vectorsOfAnotherDimensionAreRejected() {
        LabelledVectors otherDim = new SyntheticVectors.Clusters(5, 16, 1).sample(50, 1);
        TrainedProbe probe = TRAINER.train(config(ProbeKind.LINEAR, 1), TRAIN, DEV);
        ProbeTrainingException error = assertThrows(ProbeTrainingException.class, () -> probe.evaluate(otherDim));
        assertTrue(error.getMessage().contains("dimension 16"), error.getMessage());
    }
}
