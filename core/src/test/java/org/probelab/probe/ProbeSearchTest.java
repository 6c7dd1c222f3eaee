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
        ProbeResult result = new ProbeSearch(grid, 3, Progress.NONE).run("layer 5", TRAIN, DEV, TEST);

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
    void aSampledSearchChoosesOnFewRowsButTheSeedsTrainOnAll() {
        List<ProbeConfig> grid = List.of(mlp(16, 1e-5), mlp(8, 1e-5));
        ProbeResult result = new ProbeSearch(grid, 1, Progress.NONE).withSearchTrainRows(3)
                .run("layer 5", TRAIN, DEV, TEST);
        assertEquals(grid, result.grid().stream().map(GridPoint::config).toList());
        for (GridPoint point : result.grid()) {
            assertTrue(point.devAccuracy() < 0.75, "3 training rows cannot solve XOR: " + point);
        }
        assertTrue(result.testAccuracy().mean() > 0.9, "seeds on all rows: " + result.testAccuracy());
    }

    @Test
    void quickModeTrainsTheSingleDefaultConfigWithoutSearching() {
        List<String> tasks = new ArrayList<>();
        ProbeResult result = ProbeSearch.quick(ProbeKind.LINEAR, (task, done, total) -> tasks.add(task))
                .run("layer 0", TRAIN, DEV, TEST);
        assertEquals(ProbeDefaults.quick(ProbeKind.LINEAR), result.best());
        assertTrue(result.grid().isEmpty());
        assertEquals(ProbeDefaults.QUICK_SEEDS, result.seedEvaluations().size());
        assertTrue(tasks.stream().allMatch(task -> task.contains("layer 0")), tasks.toString());
    }

    @Test
    void defaultGridCoversEveryHiddenSizePairAndL2Weight() {
        List<ProbeConfig> grid = ProbeDefaults.grid(ProbeKind.MLP);
        int sizes = ProbeDefaults.HIDDEN_SIZES.size();
        assertEquals(sizes * sizes * ProbeDefaults.L2_VALUES.size(), grid.size());
        assertEquals(grid.size(), grid.stream().distinct().count());
        assertEquals(ProbeDefaults.L2_VALUES.size(), ProbeDefaults.grid(ProbeKind.LINEAR).size());
    }

    @Test
    void aSearchMixingProbeKindsIsRejected() {
        List<ProbeConfig> mixed = List.of(mlp(4, 1e-5), ProbeDefaults.quick(ProbeKind.LINEAR));
        assertThrows(IllegalArgumentException.class, () -> new ProbeSearch(mixed, 1, Progress.NONE));
    }
}
