package org.probelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.Progress;
import org.probelab.model.DeviceOptions;
import org.probelab.model.PretrainedModel;
import org.probelab.data.Dataset;

/**
 * A stage killed mid-way (kill -9 of a separate JVM), or stopped by Ctrl-C, resumes from its checkpoint and ends
 * as an uninterrupted run.
 */
class FineTuneResumeTest {
    private static final FineTuneSettings SETTINGS = FineTuneSettings.DEFAULTS.toBuilder().epochs(3).batchSize(4)
            .learningRate(1e-3f).checkpointEverySteps(2).build();

    @TempDir
    Path dir;

    /** The step after which the Ctrl-C child asks to stop: not one that is checkpointed anyway (every 2 steps). */
    private static final int INTERRUPTED_AT_STEP = 5;

    /**
     * The child: runs the stage in {@code args[0]}, slowed down per step so that the parent can kill it mid-way;
     * with {@code interrupt} as {@code args[1]}, a stop is asked for (as Ctrl-C does) when step
     * {@value #INTERRUPTED_AT_STEP} is reported.
     */
    public static void main(String[] args) throws IOException {
        Path run = Path.of(args[0]);
        if (args.length > 1 && args[1].equals("interrupt")) {
            StageChild.stopAt(INTERRUPTED_AT_STEP, progress -> stage(run, progress));
        } else {
            StageChild.slowly(progress -> stage(run, progress));
        }
    }

    private static StageResult stage(Path run, Progress progress) throws IOException {
        PretrainedModel model = SyntheticTask.model(run.resolve("model"), SyntheticTask.config(), 3);
        Dataset data = SyntheticTask.data(40, 8, 5);
        return new FineTuneStage(new FineTuneSpec("pos", SETTINGS)).run(new StageContext(model, data,
                run.resolve("snapshot"), run.resolve("work"), DeviceOptions.cpu().withThreads(1, 1), progress));
    }

    @Test
    void ctrlCStopsAfterTheCurrentStepWithACheckpointAndTheStageResumes() throws Exception {
        Path stopped = dir.resolve("stopped");
        StageChild.assertStoppedAt(INTERRUPTED_AT_STEP, FineTuneResumeTest.class, dir.resolve("child.log"),
                stopped.resolve("work"), stopped.toString(), "interrupt");
        assertTrue(Files.notExists(stopped.resolve("snapshot").resolve("model.safetensors")));

        StageResult resumed = stage(stopped, Progress.NONE);
        StageResult uninterrupted = stage(dir.resolve("whole"), Progress.NONE);
        assertEquals(FineTuneMechanicsTest.losses(uninterrupted), FineTuneMechanicsTest.losses(resumed));
        assertEquals(uninterrupted.snapshotChecksum(), resumed.snapshotChecksum());
    }

    @Test
    void aKilledStageResumesWithTheSameLossesAsAnUninterruptedOne() throws Exception {
        Path killed = dir.resolve("killed");
        long checkpointStep = StageChild.killAfterCheckpoint(4, FineTuneResumeTest.class, dir.resolve("child.log"),
                killed.resolve("work"), killed.toString());
        assertTrue(checkpointStep >= 4 && checkpointStep < 30, "killed after checkpoint " + checkpointStep
                + "; child log: " + Files.readString(dir.resolve("child.log")));
        assertTrue(Files.notExists(killed.resolve("snapshot").resolve("model.safetensors")), "the child had finished");

        StageResult resumed = stage(killed, Progress.NONE);
        StageResult uninterrupted = stage(dir.resolve("whole"), Progress.NONE);
        List<Double> expected = FineTuneMechanicsTest.losses(uninterrupted);
        assertEquals(30, expected.size());
        assertEquals(expected, FineTuneMechanicsTest.losses(resumed));
        assertEquals(uninterrupted.snapshotChecksum(), resumed.snapshotChecksum());
    }
}
