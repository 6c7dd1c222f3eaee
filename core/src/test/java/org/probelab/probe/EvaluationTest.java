package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    // Known labels A, B, C, E (E never occurs); gold holds the unseen label D.
    private static final Evaluation HAND_MADE = Evaluation.of(List.of("A", "B", "C", "E"),
            List.of("A", "A", "B", "B", "C", "D"),
            List.of("A", "B", "B", "B", "A", "C"));

    @Test
    void accuracyCountsUnseenGoldLabelsAsErrors() {
        assertEquals(6, HAND_MADE.n());
        assertEquals(3.0 / 6, HAND_MADE.accuracy(), 1e-12);
        assertEquals(Map.of("D", 1), HAND_MADE.unseenLabels());
        assertEquals(1, HAND_MADE.unseenCount());
    }

    @Test
    void confusionMatrixHasGoldRowsAndPredictedColumnsWithUnseenLabelsLast() {
        assertEquals(List.of("A", "B", "C", "E", "D"), HAND_MADE.labels());
        int[][] expected = {
            {1, 1, 0, 0, 0},
            {0, 2, 0, 0, 0},
            {1, 0, 0, 0, 0},
            {0, 0, 0, 0, 0},
            {0, 0, 1, 0, 0},
        };
        assertArrayEquals(expected, HAND_MADE.confusion());
    }

    @Test
    void macroF1AveragesOverLabelsPresentInGoldOrPredictions() {
        // A: P 1/2, R 1/2 -> 0.5; B: P 2/3, R 1 -> 0.8; C: 0; D (unseen, gold only): 0; E absent.
        assertEquals((0.5 + 0.8 + 0 + 0) / 4, HAND_MADE.macroF1(), 1e-12);
    }

    @Test
    void confusionMatrixCannotBeChangedFromOutside() {
        HAND_MADE.confusion()[0][0] = 99;
        assertEquals(1, HAND_MADE.confusion()[0][0]);
    }

    @Test
    void mismatchedOrUnknownPredictionsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Evaluation.of(List.of("A"), List.of("A", "A"), List.of("A")));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.of(List.of("A"), List.of("A"), List.of("Z")));
        assertEquals(true, unknown.getMessage().contains("'Z'"));
        assertThrows(IllegalArgumentException.class, () -> Evaluation.of(List.of("A"), List.of(), List.of()));
    }

    @Test
    void summaryGivesMeanAndSampleStandardDeviation() {
        Summary summary = Summary.of(0.90, 0.92, 0.94);
        assertEquals(0.92, summary.mean(), 1e-12);
        assertEquals(0.02, summary.std(), 1e-12);
        assertEquals(0.0, Summary.of(0.5).std());
    }
}
