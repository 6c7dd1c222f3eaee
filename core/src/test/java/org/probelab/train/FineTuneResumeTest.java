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
import org.probelab.model.DeviceOptions;
import org.probelab.model.PretrainedModel;
import org.probelab.data.Dataset;

/** A stage killed mid-way (kill -9 of a separate JVM) resumes from its checkpoint and ends as an uninterrupted run. */
class FineTuneResumeTest {
    private static final FineTuneSettings SETTINGS = FineTuneSettings.DEFAULTS.toBuilder().epochs(3).batchSize(4)
            .learningRate(1e-3f).checkpointEverySteps(2).build();

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
        PretrainedModel model = SyntheticTask.model(run.resolve("model"), SyntheticTask.config(), 3);
        Dataset data = SyntheticTask.data(40, 8, 5);
        return new FineTuneStage(new FineTuneSpec("pos", SETTINGS)).run(new StageContext(model, data,
                run.resolve("snapshot"), run.resolve("work"), DeviceOptions.cpu().withThreads(1, 1), progress));
    }

    @Test
    void aKilledStageResumesWithTheSameLossesAsAnUninterruptedOne() throws Exception {
        Path killed = dir.resolve("killed");
        Path pointer = killed.resolve("work").resolve(Checkpoints.POINTER);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FineTuneResumeTest.class.getName(), killed.toString())
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
