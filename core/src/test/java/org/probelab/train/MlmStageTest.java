package org.probelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.Progress;
import org.probelab.model.BertModel;
import org.probelab.model.DeviceOptions;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;
import org.probelab.model.Safetensors;
import org.probelab.text.BertTokenizer;
import org.probelab.train.mlm.StaticMasking;
import org.probelab.train.mlm.WholeWordMasking;

/** Masked-LM stages on a tiny BERT: learning from scratch, snapshots with the MLM head, determinism, divergence. */
class MlmStageTest {
    @TempDir
    Path dir;

    private static List<Double> losses(StageResult result) {
        return result.curves().steps().stream().map(TrainingCurves.StepPoint::loss).toList();
    }

    @Test
    void pretrainingFromScratchLowersTheHeldOutLossWellBelowItsStartAndTheSnapshotFillsMasks() throws IOException {
        Path corpus = MlmFixtures.topicText(dir.resolve("text/cyclic.txt"), 400, 1);
        MlmSettings settings = MlmFixtures.FAST.toBuilder().epochs(16).batchSize(16).evalEverySteps(15)
                .patience(10).build();
        StageResult result = MlmFixtures.run(new MlmSpec(MlmSpec.Kind.PRETRAIN, "text:" + corpus,
                new MlmSpec.Architecture(2, 32, 2, 64), settings), dir.resolve("run"), Progress.NONE);

        double uniform = Math.log(SyntheticTask.vocab().size());
        List<TrainingCurves.EvalPoint> evaluations = result.curves().evaluations();
        assertEquals(uniform, losses(result).get(0), 0.5, "a fresh model starts near the uniform loss");
        double best = evaluations.stream().mapToDouble(TrainingCurves.EvalPoint::devLoss).min().orElseThrow();
        // Predicting the unigram distribution alone gives about 2.9 (accuracy 0.29); the line's topic must be read.
        assertTrue(best < 0.5 * uniform, "best held-out loss " + best + " vs uniform " + uniform + ": " + evaluations);
        assertTrue(result.bestDevAccuracy() > 0.35, "held-out masked-LM accuracy " + result.bestDevAccuracy());
        assertEquals("pretrain", result.stage());

        Path snapshot = dir.resolve("run/snapshot");
        assertTrue(Safetensors.read(snapshot.resolve(ModelStore.HF_WEIGHTS))
                .containsKey("cls.predictions.transform.dense.weight"), "the MLM head is saved under its HF name");
        PretrainedModel trained = ModelStore.load(snapshot.toString(), dir.resolve("cache"));
        assertEquals(result.snapshotChecksum(), trained.checksum());
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(trained.vocab(), true);
        int right = 0;
        try (BertModel model = BertModel.create(trained.config(), trained.weights(), DeviceOptions.cpu())) {
            for (int start = 0; start < SyntheticTask.TYPES; start++) {
                int[] ids = new int[7];
                ids[0] = tokenizer.clsId();
                for (int i = 0; i < 5; i++) {
                    ids[i + 1] = tokenizer.vocab().id("t" + start);
                }
                ids[6] = tokenizer.sepId();
                int expected = ids[3];
                ids[3] = tokenizer.maskId();
                right += model.fillMask(ids, tokenizer.maskId(), 1).get(0)[0] == expected ? 1 : 0;
            }
        }
        assertTrue(right >= 8, "the snapshot's MLM head fills " + right + " of 12 masks");
    }

    @Test
    void theSameSeedGivesTheSameLossesAndAnotherSeedOthers() throws IOException {
        Path corpus = MlmFixtures.topicText(dir.resolve("text/c.txt"), 60, 2);
        MlmSettings settings = MlmFixtures.FAST.toBuilder().maskPolicy(new WholeWordMasking()).build();
        MlmSpec spec = new MlmSpec(MlmSpec.Kind.DOMAIN_TRANSFER, "text:" + corpus, null, settings);
        List<Double> first = losses(MlmFixtures.run(spec, dir.resolve("a"), Progress.NONE));
        List<Double> again = losses(MlmFixtures.run(spec, dir.resolve("b"), Progress.NONE));
        MlmSpec otherSeed = new MlmSpec(MlmSpec.Kind.DOMAIN_TRANSFER, "text:" + corpus, null,
                settings.toBuilder().seed(7).build());
        List<Double> other = losses(MlmFixtures.run(otherSeed, dir.resolve("c"), Progress.NONE));
        assertTrue(first.size() >= 6, "steps: " + first.size());
        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void staticMaskingFeedsEverySequenceOncePerCopyEachEpoch() throws IOException {
        Path corpus = MlmFixtures.topicText(dir.resolve("text/s.txt"), 60, 3);
        MlmSettings settings = MlmFixtures.FAST.toBuilder().maskPolicy(new StaticMasking(
                org.probelab.train.mlm.MaskRule.BERT, 3)).build();
        StageResult result = MlmFixtures.run(new MlmSpec(MlmSpec.Kind.DOMAIN_TRANSFER, "text:" + corpus, null,
                settings), dir.resolve("s"), Progress.NONE);
        assertEquals(BatchPlan.stepsPerEpoch(3 * result.trainExamples(), settings.batchSize()), result.steps());
    }

    @Test
    void taskTransferReadsTheTaskDataTrainTextAndEvaluatesAfterTheLastStepWhenTheIntervalIsLonger() throws IOException {
        MlmSettings settings = MlmFixtures.FAST.toBuilder().evalEverySteps(1000).build();
        StageResult result = MlmFixtures.run(new MlmSpec(MlmSpec.Kind.TASK_TRANSFER, null, null, settings),
                dir.resolve("t"), Progress.NONE);
        assertEquals(List.of(result.steps()), result.curves().evaluations().stream()
                .map(TrainingCurves.EvalPoint::step).toList());
        assertTrue(result.data().startsWith("synthetic (train text)@"), result.data());
        assertEquals("task-transfer", result.stage());
        assertTrue(Files.isRegularFile(dir.resolve("t/snapshot/config.json")));
    }

    @Test
    void theDownstreamProbeScoresEveryEvaluationPicksTheSnapshotAndLeavesTrainingAsItWas() throws IOException {
        Path corpus = MlmFixtures.topicText(dir.resolve("text.txt"), 60, 3);
        MlmSettings settings = MlmFixtures.FAST.toBuilder().epochs(2).evalEverySteps(3).patience(10).build();
        StageResult plain = MlmFixtures.run(new MlmSpec(MlmSpec.Kind.DOMAIN_TRANSFER, "text:" + corpus, null,
                settings), dir.resolve("plain"), Progress.NONE);
        StageResult probed = MlmFixtures.run(new MlmSpec(MlmSpec.Kind.DOMAIN_TRANSFER, "text:" + corpus, null,
                settings, null, new DownstreamProbe("pos")), dir.resolve("probed"), Progress.NONE);

        assertEquals(losses(plain), losses(probed), "probing a checkpoint changes nothing of the training");
        List<TrainingCurves.EvalPoint> evaluations = probed.curves().evaluations();
        assertTrue(evaluations.size() >= 4, evaluations.toString());
        assertEquals(plain.curves().evaluations().stream().map(TrainingCurves.EvalPoint::devLoss).toList(),
                evaluations.stream().map(TrainingCurves.EvalPoint::devLoss).toList());
        assertTrue(plain.curves().evaluations().stream().allMatch(e -> e.downstreamDevAccuracy() == null));
        // POS of the synthetic words is their type's class: a linear probe reads it far above chance (1/3).
        assertTrue(evaluations.stream().allMatch(e -> e.downstreamDevAccuracy() > 0.6), evaluations.toString());
        TrainingCurves.EvalPoint best = evaluations.get(0);
        for (TrainingCurves.EvalPoint e : evaluations) {
            best = e.downstreamDevAccuracy() > best.downstreamDevAccuracy() ? e : best;
        }
        assertEquals(best.step(), probed.bestStep(), "the snapshot is the checkpoint the probe scored best");
        assertTrue(Files.notExists(dir.resolve("probed/work/downstream-probe")), "the probe's vectors are removed");
    }

    @Test
    void aDivergingLossStopsTheStageNamingStepAndRate() throws IOException {
        Path corpus = MlmFixtures.topicText(dir.resolve("text/d.txt"), 60, 4);
        MlmSpec spec = new MlmSpec(MlmSpec.Kind.DOMAIN_TRANSFER, "text:" + corpus, null,
                MlmFixtures.FAST.toBuilder().learningRate(500f).warmupFraction(0f).epochs(5).build());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> MlmFixtures.run(spec, dir.resolve("d"), Progress.NONE));
        assertTrue(e.getMessage().startsWith("stage domain-transfer stopped at step "), e.getMessage());
        assertTrue(e.getMessage().contains("(learning rate "), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("d/snapshot/model.safetensors")));
    }
}
