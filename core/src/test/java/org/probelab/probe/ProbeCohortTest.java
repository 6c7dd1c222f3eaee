package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.probelab.Progress;
import org.probelab.represent.LabelledVectors;

class ProbeCohortTest {
    private static final SyntheticVectors.Clusters CLUSTERS = new SyntheticVectors.Clusters(5, 32, 11);
    private static final LabelledVectors TRAIN = CLUSTERS.sample(2000, 1);
    private static final LabelledVectors DEV = CLUSTERS.sample(500, 2);
    private static final LabelledVectors TEST = CLUSTERS.sample(500, 3);
    /** 2,000 rows in batches of 64. */
    private static final int STEPS_PER_EPOCH = 32;

    private static final ProbeTrainer TRAINER = new ProbeTrainer("layer 3", Progress.NONE);
    // A small learning rate: the probes are still improving after several epochs.
    private static final ProbeConfig WIDE = new ProbeConfig(ProbeKind.MLP, 64, 32, 1e-5, 3e-4, 64, 12, 2, 7);
    private static final ProbeConfig SMALL = new ProbeConfig(ProbeKind.MLP, 4, 4, 1e-5, 3e-4, 64, 12, 2, 9);

    private static TrainedProbe inOneGo(ProbeConfig config) {
        return TRAINER.train(config, TRAIN, DEV);
    }

    @Test
    void aProbeContinuedFromAnEpochsEndEndsExactlyAsOneTrainedInOneGo() {
        ProbeCohort cohort = TRAINER.cohort(List.of(WIDE), TRAIN, DEV);
        TrainedProbe cut = cohort.trainTo(new int[] {0}, 2 * STEPS_PER_EPOCH).get(0);
        assertEquals(new TrainingOutcome(2, 2, true), cut.training());
        TrainedProbe continued = cohort.trainTo(new int[] {0}, Long.MAX_VALUE).get(0);
        TrainedProbe whole = inOneGo(WIDE);
        assertEquals(whole.training(), continued.training());
        assertEquals(whole.devAccuracy(), continued.devAccuracy());
        assertEquals(whole.predict(TEST), continued.predict(TEST));
        assertTrue(continued.training().epochs() > 2, "trained on after the cut: " + continued.training());
    }

    @Test
    void aRoundEndingWithinAnEpochKeepsABetterProbeButCountsNoPatience() {
        ProbeCohort cohort = TRAINER.cohort(List.of(WIDE), TRAIN, DEV);
        TrainedProbe cut = cohort.trainTo(new int[] {0}, STEPS_PER_EPOCH + STEPS_PER_EPOCH / 2).get(0);
        assertEquals(2, cut.training().epochs(), "scored where the budget ended, within epoch 2");
        TrainedProbe continued = cohort.trainTo(new int[] {0}, Long.MAX_VALUE).get(0);
        TrainedProbe whole = inOneGo(WIDE);
        assertEquals(whole.training().epochs(), continued.training().epochs());
        assertTrue(continued.devAccuracy() >= whole.devAccuracy(),
                continued.devAccuracy() + " < " + whole.devAccuracy());
    }

    @Test
    void aProbeThatHasStoppedIsReturnedAsItWasWhileTheOthersContinue() {
        ProbeConfig oneEpoch = new ProbeConfig(ProbeKind.MLP, 4, 4, 1e-5, 3e-4, 64, 1, 2, 9);
        ProbeCohort cohort = TRAINER.cohort(List.of(WIDE, oneEpoch), TRAIN, DEV);
        TrainedProbe stopped = cohort.trainTo(new int[] {0, 1}, 2 * STEPS_PER_EPOCH).get(1);
        assertEquals(new TrainingOutcome(1, 1, true), stopped.training());
        List<TrainedProbe> later = cohort.trainTo(new int[] {0, 1}, Long.MAX_VALUE);
        assertEquals(stopped.training(), later.get(1).training());
        assertEquals(stopped.predict(TEST), later.get(1).predict(TEST));
        TrainedProbe whole = inOneGo(WIDE);
        assertEquals(whole.training(), later.get(0).training());
        assertEquals(whole.predict(TEST), later.get(0).predict(TEST));
    }

    @Test
    void probesLeftOutOfARoundAreDroppedAndTheRestContinueInASmallerGraph() {
        ProbeCohort cohort = TRAINER.cohort(List.of(WIDE, SMALL), TRAIN, DEV);
        List<TrainedProbe> first = cohort.trainTo(new int[] {0, 1}, STEPS_PER_EPOCH);
        assertEquals(List.of(WIDE, SMALL), first.stream().map(TrainedProbe::config).toList());
        List<TrainedProbe> second = cohort.trainTo(new int[] {1}, Long.MAX_VALUE);
        assertEquals(List.of(SMALL), second.stream().map(TrainedProbe::config).toList());
        // Each shape is a group of its own, so the small probe's steps are those it takes alone.
        TrainedProbe whole = inOneGo(SMALL);
        assertEquals(whole.training(), second.get(0).training());
        assertEquals(whole.predict(TEST), second.get(0).predict(TEST));
    }

    @Test
    void probesThatStopLeaveTheGraphAtTheEpochsEndAndTheRestTrainOnAsTheyWouldAlone() {
        ProbeConfig oneEpoch = new ProbeConfig(ProbeKind.MLP, 64, 32, 1e-5, 3e-4, 64, 1, 2, 8);
        ProbeCohort cohort = TRAINER.cohort(List.of(WIDE, oneEpoch), TRAIN, DEV);
        List<TrainedProbe> trained = cohort.trainTo(new int[] {0, 1}, Long.MAX_VALUE);
        assertEquals(2, cohort.graphsBuilt(), "half the graph stopped after epoch 1: the rest moves to a smaller one");
        assertEquals(new TrainingOutcome(1, 1, true), trained.get(1).training());
        TrainedProbe whole = inOneGo(WIDE);
        assertEquals(whole.training(), trained.get(0).training());
        assertEquals(whole.devAccuracy(), trained.get(0).devAccuracy());
        assertEquals(whole.predict(TEST), trained.get(0).predict(TEST));
    }
}
