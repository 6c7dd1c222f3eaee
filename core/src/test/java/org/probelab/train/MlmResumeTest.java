package org.probelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.Progress;
import org.probelab.train.mlm.MaskRule;
import org.probelab.train.mlm.StaticMasking;

/**
 * A masked-LM stage killed mid-way (kill -9 of a separate JVM) resumes from its checkpoint — weights, optimizer,
 * data order and masks — and ends exactly as an uninterrupted run.
 */
class MlmResumeTest {
    private static final MlmSettings SETTINGS = MlmFixtures.FAST.toBuilder().epochs(2).checkpointEverySteps(2)
            .maskPolicy(new StaticMasking(MaskRule.BERT, 2)).evalEverySteps(5).build();

    @TempDir
    Path dir;

    /** The child: runs the stage in {@code args[0]}, slowed down per step so that the parent can kill it mid-way. */
    public static void main(String[] args) throws IOException {
        Path run = Path.of(args[0]);
        Progress slow = (task, done, total) -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        stage(run, slow);
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
    void aKilledStageResumesWithTheSameLossesMasksAndSnapshotAsAnUninterruptedOne() throws Exception {
        Path killed = dir.resolve("killed");
        Path pointer = killed.resolve("work").resolve(Checkpoints.POINTER);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MlmResumeTest.class.getName(), killed.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long checkpointStep = -1;
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (checkpointStep < 4 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                if (Files.isRegularFile(pointer)) {
                    checkpointStep = new ObjectMapper().readTree(pointer.toFile()).get("step").asLong();
                }
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
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
