package org.probelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.probelab.Interruption;
import org.probelab.Progress;
import org.probelab.RunInterruptedException;

/**
 * A stage run in a child JVM (a test class's {@code main}) and stopped mid-way — by a stop request, as Ctrl-C
 * makes, or by {@code kill -9} — for the resume tests: its checkpoint must carry a rerun to the same end.
 */
final class StageChild {
    /** The child's exit status once its stage stopped on request, as the CLI's (128 + SIGINT). */
    static final int STOPPED = 130;

    private StageChild() {
    }

    /** A stage run with the given progress. */
    @FunctionalInterface
    interface Run {
        void with(Progress progress) throws IOException;
    }

    /** In the child: runs {@code run}, asking to stop when step {@code step} is reported; exits {@link #STOPPED}. */
    static void stopAt(long step, Run run) throws IOException {
        Progress askingToStop = (task, done, total) -> {
            if (done == step) {
                Interruption.request();
            }
        };
        try {
            run.with(Interruption.checking(askingToStop));
        } catch (RunInterruptedException e) {
            System.out.println(e.getMessage());
            System.exit(STOPPED);
        }
    }

    /** In the child: runs {@code run} slowed down per step, so that the parent can kill it mid-way. */
    static void slowly(Run run) throws IOException {
        run.with((task, done, total) -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Starts {@code main} with {@code args}, the stage writing its checkpoints to {@code workDir}, waits until it
     * stopped on request and checks that it exited {@link #STOPPED} with the checkpoint of step {@code step}.
     *
     * @return the child's output
     */
    static String assertStoppedAt(long step, Class<?> main, Path log, Path workDir, String... args) throws Exception {
        Process child = start(main, log, args);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child did not stop");
        String output = Files.readString(log);
        assertEquals(STOPPED, child.exitValue(), output);
        assertEquals(step, checkpointStep(workDir), "the checkpoint is of the step that ran when the stop was asked for");
        return output;
    }

    /**
     * Starts {@code main} with {@code args} and kills it ({@code kill -9}) once its checkpoint in {@code workDir}
     * is of step {@code atLeast} or later (or it ended, or 5 minutes passed).
     *
     * @return the step of the checkpoint it left, -1 for none
     */
    static long killAfterCheckpoint(long atLeast, Class<?> main, Path log, Path workDir, String... args)
            throws Exception {
        Process child = start(main, log, args);
        long step = -1;
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (step < atLeast && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                step = checkpointStep(workDir);
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
        return step;
    }

    private static Process start(Class<?> main, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static long checkpointStep(Path workDir) throws IOException {
        Path pointer = workDir.resolve(Checkpoints.POINTER);
        return Files.isRegularFile(pointer) ? new ObjectMapper().readTree(pointer.toFile()).get("step").asLong() : -1;
    }
}
