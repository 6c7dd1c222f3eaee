package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.probelab.represent.ExtractionOptions;
import org.probelab.represent.SentencePooling;

class ResultNotesTest {
    private static final ProbeConfig CONFIG = new ProbeConfig(ProbeKind.MLP, 8, 8, 1e-5, 1e-3, 32, 10, 2, 1);
    private static final Evaluation EVALUATION = Evaluation.of(List.of("a", "b"), List.of("a", "b"), List.of("a", "a"));

    private static ProbeResult probe(int peaked, int finished) {
        List<GridPoint> grid = new java.util.ArrayList<>();
        // Cut by a halving round at 3 of its 10 epochs: the round's budget, not the probe's, ran out.
        for (int i = 0; i < 20; i++) {
            grid.add(new GridPoint(CONFIG, 0.4, new TrainingOutcome(3, 3, true)));
        }
        for (int i = 0; i < peaked; i++) {
            grid.add(new GridPoint(CONFIG, 0.5, new TrainingOutcome(10, 10, true)));
        }
        for (int i = 0; i < finished; i++) {
            grid.add(new GridPoint(CONFIG, 0.5, new TrainingOutcome(4, 6, false)));
        }
        return new ProbeResult("layer", ProbeKind.MLP, CONFIG, grid,
                List.of(new GridPoint(CONFIG, 0.5, new TrainingOutcome(4, 6, false))), List.of(EVALUATION),
                Summary.of(0.5), Summary.of(0.3));
    }

    private static ProbingResult result(String task, SentencePooling pooling, LayerScore... scores) {
        ProbingSpec spec = new ProbingSpec("m", "demo", task, List.of(), List.of(ProbeKind.MLP), false, 1,
                ExtractionOptions.DEFAULTS.withSentencePooling(pooling));
        Provenance provenance = new Provenance("m", "x", "demo", "y", Map.of(), "k", "cpu", Map.of(), "now", Map.of());
        return new ProbingResult(spec, provenance, List.of(scores));
    }

    @Test
    void aLayerWhoseProbesMostlyPeakedAtTheirLastEpochIsWarnedAbout() {
        List<String> notes = result("pos", SentencePooling.CLS, new LayerScore(3, probe(4, 4)),
                new LayerScore(4, probe(1, 8))).notes();
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("warning: layer 3 mlp: 4 of 9 trained probes"), notes.get(0));
    }

    @Test
    void layerZeroClsOfASentenceTaskIsNamedAsConstant() {
        ProbeResult finished = probe(0, 3);
        List<String> cls = result("sentence", SentencePooling.CLS, new LayerScore(0, finished)).notes();
        assertEquals(1, cls.size(), cls.toString());
        assertTrue(cls.get(0).contains("layer 0 [CLS] is the same vector for every sentence"), cls.get(0));
        assertEquals(List.of(), result("sentence", SentencePooling.MEAN, new LayerScore(0, finished)).notes());
        assertEquals(List.of(), result("sentence", SentencePooling.CLS, new LayerScore(1, finished)).notes());
        assertEquals("sentence, [CLS] pooling", result("sentence", SentencePooling.CLS).spec().describeTask());
        assertEquals("sentence, mean pooling", result("sentence", SentencePooling.MEAN).spec().describeTask());
        assertEquals("pos", result("pos", SentencePooling.CLS).spec().describeTask());
    }
}
