package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.probelab.Progress;
import org.probelab.represent.LabelledVectors;

class ProbeSearchTest {
    private static final LabelledVectors TRAIN = SyntheticVectors.xor(1500, 4, 1);
    private static final LabelledVectors DEV = SyntheticVectors.xor(400, 4, 2);
    private static final LabelledVectors TEST = SyntheticVectors.xor(400, 4, 3);

    private static ProbeConfig mlp(int hidden, double l2) {
        return new ProbeConfig(ProbeKind.MLP, hidden, hidden, l2, 1e-2, 64, 15, 4, 3);
    }

    @Test
    void searchPicksTheCandidateWithTheBestDevAccuracyAndRetrainsItWithEachSeed() {
        // A crushing L2 weight and a one-unit MLP cannot fit XOR; the mildly regularised 16x16 MLP can.
        List<ProbeConfig> grid = List.of(mlp(16, 10), mlp(1, 1e-5), mlp(16, 1e-5));
        ProbeResult result = new ProbeSearch(grid, 3, ProbeSearch.Strategy.EXHAUSTIVE, Progress.NONE)
                .run("layer 5", TRAIN, DEV, TEST);

        assertEquals(grid, result.grid().stream().map(GridPoint::config).toList());
        GridPoint bestOnDev = result.grid().stream()
                .max((a, b) -> Double.compare(a.devAccuracy(), b.devAccuracy())).orElseThrow();
        assertEquals(bestOnDev.config(), result.best());
        assertEquals(mlp(16, 1e-5), result.best());

        assertEquals(3, result.seedEvaluations().size());
        double[] accuracies = result.seedEvaluations().stream().mapToDouble(Evaluation::accuracy).toArray();
        assertEquals(Summary.of(accuracies), result.testAccuracy());
        assertTrue(result.testAccuracy().mean() > 0.9, "test accuracy " + result.testAccuracy());
        assertEquals(result.seedEvaluations().get(0), result.firstSeed());
    }

    @Test
    void everySearchedConfigAndSeedReportsHowItsTrainingEnded() {
        List<ProbeConfig> grid = List.of(mlp(16, 1e-5), mlp(8, 1e-5));
        ProbeResult result = new ProbeSearch(grid, 2, ProbeSearch.Strategy.EXHAUSTIVE, Progress.NONE)
                .run("layer 5", TRAIN, DEV, TEST);
        assertEquals(List.of(result.best(), result.best().withSeed(result.best().seed() + 1)),
                result.seedRuns().stream().map(GridPoint::config).toList());
        assertEquals(4, result.trainedProbes().size());
        for (GridPoint point : result.trainedProbes()) {
            TrainingOutcome training = point.training();
            assertTrue(training.bestEpoch() >= 1 && training.bestEpoch() <= training.epochs(), point.toString());
            assertTrue(training.epochs() <= point.config().maxEpochs(), point.toString());
        }
    }

    @Test
    void successiveHalvingDropsTheWeakHalfEachRoundAndKeepsAWinnerOfTheLast() {
        // Two hopeless configs (crushing L2, one hidden unit) and two that can fit XOR: rounds of 4 then 2.
        List<ProbeConfig> grid = List.of(mlp(16, 10), mlp(1, 1e-5), mlp(16, 1e-5), mlp(8, 1e-5));
        List<String> tasks = new ArrayList<>();
        ProbeResult result = new ProbeSearch(grid, 1, ProbeSearch.Strategy.SUCCESSIVE_HALVING,
                (task, done, total) -> tasks.add(task)).run("layer 5", TRAIN, DEV, TEST);
        assertEquals(grid, result.grid().stream().map(GridPoint::config).toList());
        assertTrue(List.of(mlp(16, 1e-5), mlp(8, 1e-5)).contains(result.best()), result.best().describe());
        // The dropped pair trained within the first round's budget, half of the full 15 epochs.
        for (GridPoint dropped : result.grid().subList(0, 2)) {
            assertTrue(dropped.training().epochs() <= 8, dropped.toString());
        }
        assertTrue(tasks.stream().anyMatch(task -> task.contains("halving")), tasks.toString());
        assertTrue(result.testAccuracy().mean() > 0.9, result.testAccuracy().toString());
    }

    @Test
    void theSearchsOwnProbeOfItsChoiceIsTheFirstSeedAndOnlyTheOthersAreTrained() {
        List<ProbeConfig> grid = List.of(mlp(16, 10), mlp(16, 1e-5));
        List<String> seedUpdates = new ArrayList<>();
        List<String> trainings = new ArrayList<>();
        ProbeResult result = new ProbeSearch(grid, 3, ProbeSearch.Strategy.SUCCESSIVE_HALVING, (task, done, total) -> {
            if (task.endsWith(" seeds")) {
                seedUpdates.add(done + "/" + total);
            } else if (task.startsWith("probe layer 5 MLP") && !trainings.contains(task)) {
                trainings.add(task);
            }
        }).run("layer 5", TRAIN, DEV, TEST);
        assertEquals(List.of("1/3", "3/3"), seedUpdates);
        GridPoint chosen = result.grid().stream().filter(p -> p.config().equals(result.best())).findFirst().orElseThrow();
        assertEquals(chosen.devAccuracy(), result.seedRuns().get(0).devAccuracy());
        assertEquals(chosen.training(), result.seedRuns().get(0).training());
        assertTrue(trainings.get(trainings.size() - 1).endsWith(" +1"),
                "the last training is seeds 2 and 3 together: " + trainings);
    }

    @Test
    void aSingleCandidateIsTrainedWithoutSearching() {
        List<String> tasks = new ArrayList<>();
        ProbeConfig quick = ProbeDefaults.quick(ProbeKind.LINEAR, TRAIN.rows());
        ProbeResult result = new ProbeSearch(List.of(quick), 1, ProbeSearch.Strategy.SUCCESSIVE_HALVING,
                (task, done, total) -> tasks.add(task))
                .run("layer 0", TRAIN, DEV, TEST);
        assertEquals(quick, result.best());
        assertTrue(result.grid().isEmpty());
        assertEquals(1, result.seedEvaluations().size());
        assertTrue(tasks.stream().allMatch(task -> task.contains("layer 0")), tasks.toString());
        assertTrue(tasks.stream().noneMatch(task -> task.contains("grid")), tasks.toString());
    }

    @Test
    void aSearchMixingProbeKindsIsRejected() {
        List<ProbeConfig> mixed = List.of(mlp(4, 1e-5), ProbeDefaults.quick(ProbeKind.LINEAR, TRAIN.rows()));
        assertThrows(IllegalArgumentException.class, () -> new ProbeSearch(mixed, 1, ProbeSearch.Strategy.EXHAUSTIVE,
                Progress.NONE));
    }
}
