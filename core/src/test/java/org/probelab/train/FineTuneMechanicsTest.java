package org.probelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.Progress;
import org.probelab.model.BertConfig;
import org.probelab.model.BertNames;
import org.probelab.model.DeviceOptions;
import org.probelab.model.GeluKind;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;
import org.probelab.model.Weights;
import org.probelab.data.Dataset;

class FineTuneMechanicsTest {
    @TempDir
    Path dir;

    private static float[] values(Weights weights, String name) {
        FloatBuffer b = weights.get(name).values().duplicate();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    private Weights snapshotWeights(String name) {
        return ModelStore.load(dir.resolve(name).resolve("snapshot").toString(), dir.resolve("cache")).weights();
    }

    private StageResult run(String name, String task, FineTuneSettings settings, PretrainedModel model, Dataset data)
            throws IOException {
        return FineTuneStageTest.run(dir.resolve(name), task, settings, model, data);
    }

    /** The largest |after - before| over elements: the element whose gradient dwarfs Adam's epsilon. */
    private static double largestChange(float[] before, float[] after) {
        double largest = 0;
        for (int i = 0; i < before.length; i++) {
            largest = Math.max(largest, Math.abs(after[i] - before[i]));
        }
        return largest;
    }

    @Test
    void eachLayerMovesAtItsDecayedRateOnTheFirstStep() throws IOException {
        // One step, no warm-up: the rate is the peak. BERT's Adam (no bias correction) moves every
        // element by rate * 0.1 g / sqrt(0.001 g^2) = rate * sqrt(10) on its first step, whatever the
        // gradient (while it dwarfs epsilon); biases and LayerNorm parameters have no decay, so their change reads back the rate.
        PretrainedModel model = SyntheticTask.model(dir.resolve("model"), SyntheticTask.config(), 3);
        Dataset data = SyntheticTask.data(16, 8, 5);
        float peak = 1e-3f;
        float xi = 0.5f;
        StageResult result = run("rates", "pos", FineTuneSettings.DEFAULTS.toBuilder().epochs(1).batchSize(16)
                .learningRate(peak).warmupFraction(0f).layerDecay(xi).build(), model, data);
        assertEquals(1, result.steps());
        assertEquals(peak, result.curves().steps().get(0).learningRate(), 1e-9);
        Weights after = snapshotWeights("rates");
        double unit = peak * Math.sqrt(10);
        String[][] expected = {
            {BertNames.layer(1) + "/output/LayerNorm/beta", "1"},
            {BertNames.layer(1) + "/output/dense/bias", "1"},
            {BertNames.layer(0) + "/output/LayerNorm/beta", Float.toString(xi)},
            {BertNames.layer(0) + "/attention/output/dense/bias", Float.toString(xi)},
            {BertNames.EMBEDDINGS_LAYER_NORM + "/beta", Float.toString(xi * xi)},
        };
        for (String[] e : expected) {
            double scale = largestChange(values(model.weights(), e[0]), values(after, e[0])) / unit;
            assertEquals(Double.parseDouble(e[1]), scale, 0.01, e[0]);
        }
        assertTrue(result.parameterGroups().contains("embeddings/no_decay: 2 variables, decay 0.0, rate x0.25"),
                result.parameterGroups().toString());
    }

    @Test
    void theRateFollowsWarmUpAndLinearDecay() throws IOException {
        PretrainedModel model = SyntheticTask.model(dir.resolve("model"), SyntheticTask.config(), 3);
        FineTuneSettings settings = FineTuneSettings.DEFAULTS.toBuilder().epochs(2).batchSize(4).learningRate(1e-3f)
                .build();
        StageResult result = run("schedule", "pos", settings, model, SyntheticTask.data(40, 8, 5));
        List<TrainingCurves.StepPoint> steps = result.curves().steps();
        assertEquals(20, steps.size());
        // 10% of 20 steps = 2 warm-up steps: 0, peak/2, then peak falling linearly to 0 at step 20.
        double[] expected = {0, 5e-4, 1e-3, 1e-3 * 17 / 18};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], steps.get(i).learningRate(), 1e-9, "step " + i);
        }
        assertEquals(1e-3 / 18, steps.get(19).learningRate(), 1e-9);
    }

    @Test
    void frozenPartsStayBitIdenticalAndTheRestMoves() throws IOException {
        PretrainedModel model = SyntheticTask.model(dir.resolve("model"), SyntheticTask.config(), 3);
        run("frozen", "pos", FineTuneSettings.DEFAULTS.toBuilder().epochs(1).batchSize(8).learningRate(1e-3f)
                .freezeEmbeddings(true).frozenLayers(1).build(), model, SyntheticTask.data(32, 8, 5));
        Weights after = snapshotWeights("frozen");
        for (String name : model.weights().names()) {
            boolean frozen = name.startsWith("bert/embeddings/") || name.startsWith(BertNames.layer(0) + "/")
                    || name.startsWith("cls/") || name.startsWith(BertNames.POOLER);
            if (frozen) {
                assertTrue(Arrays.equals(values(model.weights(), name), values(after, name)), name + " changed");
            } else {
                assertTrue(!Arrays.equals(values(model.weights(), name), values(after, name)), name + " did not move");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameLossesAndAnotherSeedOthers() throws IOException {
        PretrainedModel model = SyntheticTask.model(dir.resolve("model"), SyntheticTask.config(), 3);
        Dataset data = SyntheticTask.data(48, 8, 5);
        FineTuneSettings settings = FineTuneSettings.DEFAULTS.toBuilder().epochs(2).batchSize(8).learningRate(1e-3f)
                .build();
        List<Double> first = losses(run("a", "dep", settings, model, data));
        List<Double> second = losses(run("b", "dep", settings, model, data));
        List<Double> other = losses(run("c", "dep", settings.toBuilder().seed(7).build(), model, data));
        assertEquals(first, second);
        assertNotEquals(first, other);
    }

    static List<Double> losses(StageResult result) {
        return result.curves().steps().stream().map(TrainingCurves.StepPoint::loss).toList();
    }

    @Test
    void passesAccumulatedWithinTheTokenBudgetGiveTheWholeBatchsStep() throws IOException {
        // Without dropout the split batch must compute the same loss and land on the same weights.
        BertConfig base = SyntheticTask.config();
        BertConfig noDropout = new BertConfig(base.vocabSize(), base.hiddenSize(), base.numHiddenLayers(),
                base.numAttentionHeads(), base.intermediateSize(), base.maxPositionEmbeddings(), base.typeVocabSize(),
                GeluKind.TANH, 0f, 0f, base.initializerRange(), base.layerNormEps());
        PretrainedModel model = SyntheticTask.model(dir.resolve("model"), noDropout, 3);
        Dataset data = SyntheticTask.data(16, 8, 5);
        FineTuneSettings whole = FineTuneSettings.DEFAULTS.toBuilder().epochs(1).batchSize(16).learningRate(1e-3f)
                .warmupFraction(0f).build();
        StageResult one = run("whole", "pos", whole, model, data);
        StageResult split = run("split", "pos", whole.toBuilder().microBatchTokens(40).build(), model, data);
        assertEquals(one.curves().steps().get(0).loss(), split.curves().steps().get(0).loss(), 1e-5);
        assertEquals(one.curves().steps().get(0).gradientNorm(), split.curves().steps().get(0).gradientNorm(), 1e-4);
        String name = BertNames.layer(1) + "/output/dense/kernel";
        float[] a = values(snapshotWeights("whole"), name);
        float[] b = values(snapshotWeights("split"), name);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-6f, name + "[" + i + "]");
        }
    }

    @Test
    void aDivergingLossStopsTheStageNamingStepAndRateAndKeepsTheCheckpoint() throws IOException {
        PretrainedModel model = SyntheticTask.model(dir.resolve("model"), SyntheticTask.config(), 3);
        FineTuneSettings wild = FineTuneSettings.DEFAULTS.toBuilder().epochs(3).batchSize(4).learningRate(50f)
                .warmupFraction(0f).clipNorm(0f).checkpointEverySteps(1).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> run("wild", "pos", wild, model, SyntheticTask.data(40, 8, 5)));
        assertTrue(e.getMessage().matches("stage finetune-pos stopped at step (\\d+) \\(learning rate [0-9.e+-]+\\): "
                + ".*the last good checkpoint \\(step \\d+\\) is kept in .*"), e.getMessage());
        assertTrue(Files.isRegularFile(dir.resolve("wild/work").resolve(Checkpoints.POINTER)));
        assertTrue(Files.notExists(dir.resolve("wild/snapshot")), "no snapshot from a diverged stage");
    }

    @Test
    void aSnapshotIsAModelDirectoryAndACompletedStageIsNotRunAgain() throws IOException {
        PretrainedModel model = SyntheticTask.model(dir.resolve("model"), SyntheticTask.config(), 3);
        Dataset data = SyntheticTask.data(32, 8, 5);
        List<Stage> recipe = List.of(new FineTuneStage(new FineTuneSpec("pos", FineTuneSettings.DEFAULTS.toBuilder()
                .epochs(1).batchSize(8).learningRate(1e-3f).build())));
        Path run = dir.resolve("run");
        List<Stages.Completed> done = Stages.run(recipe, model, data, run, DeviceOptions.cpu(), Progress.NONE,
                dir.resolve("cache"));
        Stages.Completed stage = done.get(0);
        assertEquals(run.resolve("stages/01-finetune-pos"), stage.snapshot());
        assertEquals(stage.result().snapshotChecksum(), stage.model().checksum());
        assertNotEquals(model.checksum(), stage.model().checksum());
        assertEquals(model.config(), stage.model().config());
        assertEquals(Files.readAllLines(model.vocab()), Files.readAllLines(stage.model().vocab()));
        assertTrue(Files.notExists(run.resolve("stages/01-finetune-pos.work")), "the work directory is removed");

        long before = Files.getLastModifiedTime(stage.snapshot().resolve(Stages.RESULT_FILE)).toMillis();
        List<Stages.Completed> again = Stages.run(recipe, model, data, run, DeviceOptions.cpu(), Progress.NONE,
                dir.resolve("cache"));
        assertEquals(stage.model().checksum(), again.get(0).model().checksum());
        assertEquals(before, Files.getLastModifiedTime(stage.snapshot().resolve(Stages.RESULT_FILE)).toMillis());
    }
}
