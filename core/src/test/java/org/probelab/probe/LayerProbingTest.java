package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.Progress;
import org.probelab.model.DeviceOptions;
import org.probelab.represent.ExtractionOptions;
import org.probelab.testing.TinyWorld;

/** A tiny random BERT end to end: model directory → data file → extraction → probes → results. */
class LayerProbingTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path data;

    @BeforeAll
    static void world() throws IOException {
        model = TinyWorld.model(dir, 7);
        data = TinyWorld.treebank(dir.resolve("tiny.conllu"), 300, 11);
    }

    private static ProbingSpec spec(int column, List<Integer> layers) {
        return new ProbingSpec(model.toString(), "conllu:" + data, "column:" + column, layers,
                List.of(ProbeKind.MLP), true, 1, ExtractionOptions.DEFAULTS);
    }

    private static ProbingResult run(ProbingSpec spec, Path runDir) throws IOException {
        return new LayerProbing(runDir, dir.resolve("cache"), DeviceOptions.cpu(), Progress.NONE).run(spec);
    }

    @Test
    void learnsALearnableLabellingAndStaysNearChanceOnShuffledLabels() throws IOException {
        ProbingResult learnable = run(spec(TinyWorld.LEARNABLE_COLUMN, List.of(0, 2)), dir.resolve("run-learnable"));
        ProbingResult control = run(spec(TinyWorld.SHUFFLED_COLUMN, List.of(0, 2)), dir.resolve("run-control"));

        for (LayerScore score : learnable.scores()) {
            assertTrue(score.result().testAccuracy().mean() > 0.95,
                    "layer " + score.layer() + " learnable accuracy " + score.result().testAccuracy());
        }
        for (LayerScore score : control.scores()) {
            assertTrue(score.result().testAccuracy().mean() < 1.0 / TinyWorld.CLASSES + 0.12,
                    "layer " + score.layer() + " shuffled accuracy " + score.result().testAccuracy());
        }
        assertEquals(List.of(0, 2), learnable.scores().stream().map(LayerScore::layer).toList());
        assertEquals(model.toString(), learnable.provenance().modelId());
        assertEquals(64, learnable.provenance().modelChecksum().length());
        assertTrue(learnable.provenance().rows().get("train") > 1000);
    }

    @Test
    void controlTasksScoreBesideTheTaskAndGiveItsSelectivity() throws IOException {
        ProbingSpec task = spec(TinyWorld.LEARNABLE_COLUMN, List.of(0));
        ProbingResult shuffled = run(task.withControl(ControlTask.SHUFFLED_TOKENS), dir.resolve("run-shuffled"));
        ProbingResult types = run(task.withControl(ControlTask.WORD_TYPES), dir.resolve("run-types"));

        LayerSelectivity nothingToLearn = shuffled.selectivity(ProbeKind.MLP).get(0);
        LayerSelectivity memorisable = types.selectivity(ProbeKind.MLP).get(0);
        assertEquals(shuffled.scores().get(0).result().testAccuracy().mean(), nothingToLearn.taskAccuracy());
        assertTrue(nothingToLearn.controlAccuracy() < 1.0 / TinyWorld.CLASSES + 0.12, nothingToLearn.toString());
        assertTrue(nothingToLearn.selectivity() > 0.6, nothingToLearn.toString());
        // A word type's random label is a fixed function of the word, which an MLP can memorise from layer 0.
        assertTrue(memorisable.controlAccuracy() > 0.9, memorisable.toString());
        assertTrue(Files.exists(dir.resolve("run-types/steps/layer-00-mlp-control-word-types.json")));
        ProbingResult reloaded = ProbingJson.read(dir.resolve("run-types/results.json"), ProbingResult.class);
        assertEquals(types.selectivity(ProbeKind.MLP), reloaded.selectivity(ProbeKind.MLP));
        assertEquals(List.of(), learnableWithoutControl().selectivity(ProbeKind.MLP));
    }

    private static ProbingResult learnableWithoutControl() throws IOException {
        return run(spec(TinyWorld.LEARNABLE_COLUMN, List.of(0)), dir.resolve("run-no-control"));
    }

    @Test
    void rerunReusesFinishedStepsAndRedoesOnlyMissingOnes() throws IOException {
        Path runDir = dir.resolve("run-resume");
        ProbingSpec spec = spec(TinyWorld.LEARNABLE_COLUMN, List.of(0, 1));
        ProbingResult first = run(spec, runDir);
        Path kept = runDir.resolve("steps/layer-00-mlp.json");
        Path lost = runDir.resolve("steps/layer-01-mlp.json");
        Files.setLastModifiedTime(kept, FileTime.fromMillis(1_000));
        Files.delete(lost);

        ProbingResult second = run(spec, runDir);

        assertEquals(FileTime.fromMillis(1_000), Files.getLastModifiedTime(kept), "finished step was recomputed");
        assertTrue(Files.exists(lost), "missing step was not redone");
        assertEquals(ProbingJson.toJson(first.scores()), ProbingJson.toJson(second.scores()));
        ProbingResult reloaded = ProbingJson.read(runDir.resolve("results.json"), ProbingResult.class);
        assertEquals(ProbingJson.toJson(second.scores()), ProbingJson.toJson(reloaded.scores()));
        assertEquals(second.spec(), reloaded.spec());
        try (var files = Files.list(runDir.resolve("steps"))) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".part")));
        }
    }

    @Test
    void stepsComputedOnOtherDataAreRecomputedAndSaidSoInOneLine() throws IOException {
        Path changing = TinyWorld.treebank(dir.resolve("changing.conllu"), 300, 21);
        ProbingSpec spec = new ProbingSpec(model.toString(), "conllu:" + changing, "column:" + TinyWorld.LEARNABLE_COLUMN,
                List.of(0, 1), List.of(ProbeKind.MLP), true, 1, ExtractionOptions.DEFAULTS);
        Path runDir = dir.resolve("run-changing");
        ProbingResult before = run(spec, runDir);
        TinyWorld.treebank(changing, 300, 22);
        List<String> notes = new ArrayList<>();
        Progress listening = new Progress() {
            @Override
            public void update(String task, long done, long total) {
            }

            @Override
            public void note(String line) {
                notes.add(line);
            }
        };

        ProbingResult after = new LayerProbing(runDir, dir.resolve("cache"), DeviceOptions.cpu(), listening).run(spec);

        assertNotEquals(before.provenance().dataChecksum(), after.provenance().dataChecksum());
        assertEquals(1, notes.size(), "one line for both recomputed steps: " + notes);
        assertTrue(notes.get(0).contains("other data or weights"), notes.get(0));
        for (String step : List.of("layer-00-mlp.json", "layer-01-mlp.json")) {
            String written = Files.readString(runDir.resolve("steps").resolve(step));
            assertTrue(written.contains(after.provenance().dataChecksum()), step + " was not recomputed on the new data");
        }
        assertEquals(after.provenance().rows(), ProbingJson.read(runDir.resolve("results.json"), ProbingResult.class)
                .provenance().rows());
    }

    @Test
    void aLayerTheModelDoesNotHaveIsReportedWithTheValidRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(spec(TinyWorld.LEARNABLE_COLUMN, List.of(3)), dir.resolve("run-bad-layer")));
        assertTrue(e.getMessage().contains("hidden states 0..2"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 3"), e.getMessage());
    }

    @Test
    void aTaskTheDataCannotServeIsReportedBeforeAnyWork() {
        ProbingSpec sentences = new ProbingSpec(model.toString(), "conllu:" + data, "sentence", List.of(),
                List.of(ProbeKind.LINEAR), true, 1, ExtractionOptions.DEFAULTS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(sentences, dir.resolve("run-bad-task")));
        assertTrue(e.getMessage().contains("sentence"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("run-bad-task/results.json")));
    }
}
