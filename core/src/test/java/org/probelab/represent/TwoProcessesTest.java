package org.probelab.represent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.Progress;
import org.probelab.io.AtomicFiles;
import org.probelab.testing.ChildJvm;
import org.probelab.text.Split;

/** Two processes asking for the same cache entry at once: the second waits, says so, and reuses the vectors. */
class TwoProcessesTest {

    @Test
    void theSecondRunWaitsForTheFirstAndReusesItsVectors(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        Path release = dir.resolve("release");
        Process first = ChildJvm.start(ExtractionChild.class, dir.resolve("first.log"), List.of(),
                cache.toString(), dir.resolve("first-started").toString(), release.toString());
        Process second = null;
        try {
            awaitFile(dir.resolve("first-started"), first);
            second = ChildJvm.start(ExtractionChild.class, dir.resolve("second.log"), List.of(),
                    cache.toString(), dir.resolve("second-started").toString(), release.toString());
            awaitWaiting(dir.resolve("second.log"), dir.resolve("second-started"), second);
            Files.createFile(release);

            assertEquals(0, ChildJvm.await(first), Files.readString(dir.resolve("first.log")));
            assertEquals(0, ChildJvm.await(second), Files.readString(dir.resolve("second.log")));
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly();
            }
        }
        String firstLog = Files.readString(dir.resolve("first.log"));
        String secondLog = Files.readString(dir.resolve("second.log"));
        assertTrue(firstLog.matches("(?s).*calls=[1-9].*"), firstLog);
        assertTrue(secondLog.contains("calls=0 "), "the second run extracted again:\n" + secondLog);
        assertEquals(1, secondLog.lines().filter(l -> l.startsWith("waiting")).count(), secondLog);
        assertEquals(key(firstLog), key(secondLog));
        try (Stream<Path> files = Files.walk(cache)) {
            assertTrue(files.noneMatch(AtomicFiles::isTemporary), "temporary files left behind");
        }
        Representations inProcess = Extractor.extract(new FakeEncoder(16), "fake", new FakeTokenizer(),
                ExtractionChild.DATA, Task.pos(), ExtractionOptions.DEFAULTS, dir.resolve("reference"), Progress.NONE);
        Representations shared = Representations.open(cache.resolve(key(firstLog)));
        assertArrayEquals(Expected.row(inProcess.layer(Split.TRAIN, 2), 4),
                Expected.row(shared.layer(Split.TRAIN, 2), 4));
    }

    private static String key(String log) {
        return log.substring(log.indexOf("key=") + 4).strip();
    }

    private static void awaitFile(Path file, Process child) throws InterruptedException {
        for (int i = 0; i < 1200 && !Files.exists(file); i++) {
            assertTrue(child.isAlive(), "the child ended before " + file.getFileName());
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), "timed out waiting for " + file);
    }

    private static void awaitWaiting(Path log, Path started, Process child) throws InterruptedException, IOException {
        for (int i = 0; i < 1200; i++) {
            if (Files.exists(log) && Files.readString(log).contains("waiting for another run")) {
                return;
            }
            assertTrue(child.isAlive(), "the second run ended without waiting:\n" + Files.readString(log));
            assertTrue(Files.notExists(started), "the second run extracted too instead of waiting");
            Thread.sleep(50);
        }
        throw new AssertionError("the second run never said it was waiting:\n" + Files.readString(log));
    }
}
