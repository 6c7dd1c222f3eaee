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
import org.probelab.train.mlm.MaskRule;
import org.probelab.train.mlm.StaticMasking;

/**
 * A masked-LM stage killed mid-way (kill -9 of a separate JVM), or stopped by Ctrl-C, resumes from its checkpoint — weights, optimizer,
 * data order and masks — and ends exactly as an uninterrupted run.
 */
class MlmResumeTest {
    private static final MlmSettings SETTINGS = MlmFixtures.FAST.toBuilder().epochs(2).checkpointEverySteps(2)
            .maskPolicy(new StaticMasking(MaskRule.BERT, 2)).evalEverySteps(5).build();

    @TempDir
    Path dir;

    /** The step after which the Ctrl-C child asks to stop: neither checkpointed (every 2) nor evaluated (every 5). */
    private static final int INTERRUPTED_AT_STEP = 7;

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
        Path corpus = MlmFixtures.topicText(run.resolve("text.txt"), 60, 9);
        return MlmFixtures.run(new MlmSpec(MlmSpec.Kind.DOMAIN_TRANSFER, "text:" + corpus, null, SETTINGS), run,
                progress);
    }

    private static List<Double> losses(StageResult result) {
        return result.curves().steps().stream().map(TrainingCurves.StepPoint::loss).toList();
    }

    @Test
    void ctrlCStopsAfterTheCurrentStepWithACheckpointAndTheStageResumes() throws Exception {
        Path stopped = dir.resolve("stopped");
        String log = StageChild.assertStoppedAt(INTERRUPTED_AT_STEP, MlmResumeTest.class, dir.resolve("child.log"),
                stopped.resolve("work"), stopped.toString(), "interrupt");
        assertTrue(log.contains("stage domain-transfer interrupted after step " + INTERRUPTED_AT_STEP), log);
        assertTrue(Files.notExists(stopped.resolve("snapshot").resolve("model.safetensors")));

        StageResult resumed = stage(stopped, Progress.NONE);
        StageResult uninterrupted = stage(dir.resolve("whole"), Progress.NONE);
        assertEquals(losses(uninterrupted), losses(resumed));
        assertEquals(uninterrupted.curves().evaluations(), resumed.curves().evaluations());
        assertEquals(uninterrupted.snapshotChecksum(), resumed.snapshotChecksum());
    }

    @Test
    void aKilledStageResumesWithTheSameLossesMasksAndSnapshotAsAnUninterruptedOne() throws Exception {
        Path killed = dir.resolve("killed");
        long checkpointStep = StageChild.killAfterCheckpoint(4, MlmResumeTest.class, dir.resolve("child.log"),
                killed.resolve("work"), killed.toString());
        StageResult uninterrupted = stage(dir.resolve("whole"), Progress.NONE);
        List<Double> expected = losses(uninterrupted);
        assertTrue(checkpointStep >= 4 && checkpointStep < expected.size() - 2, "killed after checkpoint "
                + checkpointStep + " of " + expected.size() + " steps; child log: "
                + Files.readString(dir.resolve("child.log")));
        assertTrue(Files.notExists(killed.resolve("snapshot").resolve("model.safetensors")), "the child had finished");

        StageResult resumed = stage(killed, Progress.NONE);
        assertEquals(expected, losses(resumed));
        assertEquals(uninterrupted.curves().evaluations(), resumed.curves().evaluations());
        assertEquals(uninterrupted.snapshotChecksum(), resumed.snapshotChecksum());
    }
}
