package org.probelab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resident memory of this process from {@code /proc/self/status} (Linux): it counts what the JVM
 * heap does not, such as TensorFlow's native buffers.
 */
public final class Rss {
    private static final Path STATUS = Path.of("/proc/self/status");

    private Rss() {
    }

    /** High-water mark of the resident set since the process started ({@code VmHWM}), in MiB. */
    public static double peakMb() {
        return fieldMb(statusLines(), "VmHWM");
    }

    /** Current resident set ({@code VmRSS}), in MiB. */
    public static double currentMb() {
        return fieldMb(statusLines(), "VmRSS");
    }

    /** The value of a {@code Name:   1234 kB} line of a status file, in MiB. */
    static double fieldMb(List<String> lines, String field) {
        String prefix = field + ":";
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                String[] parts = line.substring(prefix.length()).trim().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new IllegalStateException(STATUS + ": cannot read '" + line + "' as '" + field + ": <n> kB'");
                }
                return Long.parseLong(parts[0]) / 1024.0;
            }
        }
        throw new IllegalStateException(STATUS + " has no " + field + " line; resident memory is only measured on Linux");
    }

    private static List<String> statusLines() {
        try {
            return Files.readAllLines(STATUS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STATUS + "; resident memory is only measured on Linux", e);
        }
    }
}
