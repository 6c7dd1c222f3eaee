package org.probelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.Progress;
import org.probelab.model.DeviceOptions;
import org.probelab.model.PretrainedModel;
import org.probelab.represent.WordPooling;
import org.probelab.data.Dataset;

class FineTuneStageTest {
    @TempDir
    Path dir;

    static FineTuneSettings.Builder quick() {
        return FineTuneSettings.DEFAULTS.toBuilder().epochs(5).batchSize(16).learningRate(2e-3f).layerDecay(1f)
                .checkpointEverySteps(1000);
    }

    static StageResult run(Path dir, String task, FineTuneSettings settings, PretrainedModel model, Dataset data)
            throws IOException {
        FineTuneStage stage = new FineTuneStage(new FineTuneSpec(task, settings));
        return stage.run(new StageContext(model, data, dir.resolve("snapshot"), dir.resolve("work"),
                DeviceOptions.cpu().withThreads(1, 1), Progress.NONE));
    }

    private void assertLearns(String task, FineTuneSettings settings, double minimum) throws IOException {
        PretrainedModel model = SyntheticTask.model(dir.resolve("model"), SyntheticTask.config(), 3);
        StageResult result = run(dir, task, settings, model, SyntheticTask.data(160, 40, 5));
        TrainingCurves curves = result.curves();
        double first = curves.steps().get(0).loss();
        double last = curves.steps().get(curves.steps().size() - 1).loss();
        assertTrue(result.bestDevAccuracy() >= minimum, task + ": dev accuracy " + result.bestDevAccuracy()
                + ", losses " + first + " -> " + last + ", evals " + curves.evaluations());
        assertTrue(last < first / 2, task + ": loss " + first + " -> " + last);
        // evaluations force no checkpoint: a stage shorter than checkpointEverySteps keeps only the best weights
        try (Stream<Path> left = Files.list(dir.resolve("work"))) {
            assertEquals(List.of(String.format("best-%09d.safetensors", result.bestStep())),
                    left.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void tokenHeadLearnsPosWithMeanPooling() throws IOException {
        assertLearns("pos", quick().build(), 0.95);
    }

    @Test
    void tokenHeadLearnsPosWithFirstSubwordPooling() throws IOException {
        assertLearns("pos", quick().wordPooling(WordPooling.FIRST).build(), 0.95);
    }

    @Test
    void edgeHeadLearnsRelations() throws IOException {
        assertLearns("dep", quick().build(), 0.9);
    }

    @Test
    void sentenceHeadLearnsFromThePooler() throws IOException {
        assertLearns("sentence", quick().build(), 0.9);
    }

    @Test
    void sentenceHeadLearnsFromTheMeanOfTheLastLayer() throws IOException {
        assertLearns("sentence", quick().sentenceFeature(SentenceFeature.MEAN).build(), 0.9);
    }

    @Test
    void sentenceHeadLearnsFromTheLastLayersClsVectors() throws IOException {
        assertLearns("sentence", quick().sentenceFeature(SentenceFeature.CONCAT_LAST).lastLayers(2)
                .build(), 0.9);
    }
}
