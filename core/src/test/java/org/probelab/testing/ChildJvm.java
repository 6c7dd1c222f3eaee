package org.probelab.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a {@code main} class of the test classpath in a fresh JVM, for what only separate processes
 * show: per-JVM hashing order, file locks between processes. Output goes to a log file, so a child
 * never blocks on a full pipe.
 */
public final class ChildJvm {
    private static final long TIMEOUT_SECONDS = 120;

    private ChildJvm() {
    }

    /** Starts {@code main} with {@code args}; its stdout and stderr go to {@code log}. */
    public static Process start(Class<?> main, Path log, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Waits for {@code process} and returns its exit status.
     *
     * @throws IllegalStateException when it runs past the timeout (it is then killed)
     */
    public static int await(Process process) throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child JVM still running after " + TIMEOUT_SECONDS + " s; killed");
        }
        return process.exitValue();
    }
}
