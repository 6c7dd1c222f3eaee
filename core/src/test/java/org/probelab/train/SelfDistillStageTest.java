package org.probelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.Progress;
import org.probelab.data.Dataset;
import org.probelab.model.DeviceOptions;
import org.probelab.model.ModelSaver;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;

/**
 * Self-distillation on a tiny random BERT: a POS teacher is fine-tuned once, then students learn from it.
 * The mixing weight and temperature are checked at the level of the loss formula in
 * {@link DistillationLossTest}.
 */
class SelfDistillStageTest {
    private static final DeviceOptions CPU = DeviceOptions.cpu().withThreads(1, 1);

    @TempDir
    static Path dir;
    static PretrainedModel pretrained;
    static PretrainedModel teacher;
    static Dataset data;

    static FineTuneSettings settings() {
        return FineTuneStageTest.quick().epochs(4).checkpointEverySteps(3).build();
    }

    @BeforeAll
    static void fineTuneTheTeacher() throws IOException {
        PretrainedModel random = SyntheticTask.model(dir.resolve("vocab"), SyntheticTask.config(), 3);
        ModelSaver.save(random, dir.resolve("pretrained"), ModelSaver.Format.SAFETENSORS);
        pretrained = ModelStore.load(dir.resolve("pretrained").toString());
        data = SyntheticTask.data(160, 40, 5);
        List<Stages.Completed> done = Stages.run(List.of(new FineTuneStage(new FineTuneSpec("pos", settings()))),
                pretrained, data, dir.resolve("teacher-run"), CPU, Progress.NONE, dir.resolve("cache"));
        teacher = done.get(0).model();
        assertTrue(done.get(0).result().bestDevAccuracy() >= 0.95, "teacher dev accuracy "
                + done.get(0).result().bestDevAccuracy());
    }

    private static StageResult distil(Path run, Distillation distillation, Progress progress) throws IOException {
        return distil(run, distillation, settings(), progress);
    }

    private static StageResult distil(Path run, Distillation distillation, FineTuneSettings settings,
                                      Progress progress) throws IOException {
        SelfDistillStage stage = new SelfDistillStage(new SelfDistillSpec(null, distillation, settings));
        return stage.run(new StageContext(teacher, data, run.resolve("snapshot"), run.resolve("work"), CPU, progress));
    }

    @Test
    void withAlphaOneTheStudentLearnsTheTaskFromTheTeachersSoftLabelsAlone() throws IOException {
        StageResult result = distil(dir.resolve("alpha1"), new Distillation(2f, 1f), Progress.NONE);
        List<Double> kl = FineTuneMechanicsTest.losses(result);
        double first = kl.get(0);
        double lastEpoch = kl.subList(kl.size() - 10, kl.size()).stream().mapToDouble(d -> d).average().orElseThrow();
        assertTrue(lastEpoch < first / 4, "T²·KL " + first + " -> " + lastEpoch);
        assertTrue(result.bestDevAccuracy() >= 0.9, "student dev accuracy " + result.bestDevAccuracy());
        SelfDistillStage.Recorded recorded = (SelfDistillStage.Recorded) result.spec();
        assertEquals(teacher.id() + "@" + teacher.checksum(), recorded.teacher());
        assertEquals(pretrained.id() + "@" + pretrained.checksum(), recorded.student());
        assertEquals(pretrained.id() + "@" + pretrained.checksum(), result.inputModel());
        assertTrue(Files.isRegularFile(dir.resolve("alpha1/snapshot").resolve(SavedHead.TENSORS)),
                "the student keeps its head and can teach in turn");
    }

    @Test
    void withAlphaZeroItIsPlainFineTuning() throws IOException {
        StageResult student = distil(dir.resolve("alpha0"), new Distillation(2f, 0f), Progress.NONE);
        StageResult plain = new FineTuneStage(new FineTuneSpec("pos", settings())).run(new StageContext(pretrained,
                data, dir.resolve("plain/snapshot"), dir.resolve("plain/work"), CPU, Progress.NONE));
        List<Double> expected = FineTuneMechanicsTest.losses(plain);
        List<Double> actual = FineTuneMechanicsTest.losses(student);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), 1e-6 * Math.max(1, expected.get(i)), "step " + i);
        }
    }

    @Test
    void anInterruptedStudentResumesWithTheSameLosses() throws IOException {
        Path run = dir.resolve("interrupted");
        Progress stopAtStep7 = (task, done, total) -> {
            if (done == 7) {
                throw new IllegalStateException("stopped for the test");
            }
        };
        assertThrows(IllegalStateException.class, () -> distil(run, Distillation.DEFAULTS, stopAtStep7));
        assertTrue(Files.isRegularFile(run.resolve("work").resolve(Checkpoints.POINTER)), "no checkpoint kept");
        StageResult resumed = distil(run, Distillation.DEFAULTS, Progress.NONE);
        StageResult whole = distil(dir.resolve("whole"), Distillation.DEFAULTS, Progress.NONE);
        assertEquals(FineTuneMechanicsTest.losses(whole), FineTuneMechanicsTest.losses(resumed));
        assertEquals(whole.snapshotChecksum(), resumed.snapshotChecksum());
    }

    @Test
    void aDivergingStudentStopsNamingStepAndRateAndKeepsItsLastCheckpoint() {
        FineTuneSettings wild = settings().toBuilder().learningRate(50f).warmupFraction(0f).clipNorm(0f)
                .checkpointEverySteps(1).build();
        Path run = dir.resolve("wild");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> distil(run, Distillation.DEFAULTS, wild, Progress.NONE));
        assertTrue(e.getMessage().matches("stage self-distill stopped at step (\\d+) \\(learning rate [0-9.e+-]+\\): "
                + ".*the last good checkpoint \\(step \\d+\\) is kept in .*"), e.getMessage());
        assertTrue(Files.notExists(run.resolve("snapshot").resolve("model.safetensors")), "no snapshot");
    }

    @Test
    void aTeacherWithoutATaskHeadIsNamed() {
        var error = assertThrows(IllegalArgumentException.class, () -> new SelfDistillStage(new SelfDistillSpec(null,
                Distillation.DEFAULTS, settings())).run(new StageContext(pretrained, data, dir.resolve("none/snapshot"),
                dir.resolve("none/work"), CPU, Progress.NONE)));
        assertTrue(error.getMessage().contains("has no task head"), error.getMessage());
    }

    @Test
    void settingsOutsideTheirRangeAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Distillation(0f, 0.5f)).getMessage()
                .contains("temperature"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Distillation(2f, 1.5f)).getMessage()
                .contains("alpha"));
    }
}
