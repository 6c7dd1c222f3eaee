package org.probelab.represent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.probelab.Progress;
import org.probelab.model.HiddenStates;
import org.probelab.text.Dataset;

/**
 * One extraction in a child JVM, for tests of two runs at once: {@code CACHE STARTED RELEASE}. On its
 * first encoder call it creates the file STARTED and waits until RELEASE exists, so a test can start a
 * second run while this one is mid-extraction. Prints the engine's notes, then {@code calls=N key=K}.
 */
public final class ExtractionChild {
    static final Dataset DATA = Fixtures.dataset("two-processes",
            List.of(Fixtures.chain("s1", null, "hello", "a", "world"), Fixtures.chain("s2", null, "xy", "abcdef")),
            List.of(Fixtures.chain("d1", null, "four", "five")),
            List.of(Fixtures.chain("t1", null, "six")));

    private ExtractionChild() {
    }

    public static void main(String[] args) throws IOException {
        Path started = Path.of(args[1]);
        Path release = Path.of(args[2]);
        FakeEncoder encoder = new FakeEncoder(16) {
            @Override
            public HiddenStates encode(int[][] ids, int[] lengths, int[] layers) {
                if (calls == 0) {
                    signalAndWait(started, release);
                }
                return super.encode(ids, lengths, layers);
            }
        };
        Progress notes = new Progress() {
            @Override
            public void update(String task, long done, long total) {
            }

            @Override
            public void note(String line) {
                System.out.println(line);
            }
        };
        Representations vectors = Extractor.extract(encoder, "fake", new FakeTokenizer(), DATA, Task.pos(),
                ExtractionOptions.DEFAULTS.withTokenBudget(16), Path.of(args[0]), notes);
        System.out.println("calls=" + encoder.calls + " key=" + vectors.key());
    }

    private static void signalAndWait(Path started, Path release) {
        try {
            Files.createFile(started);
            for (int i = 0; i < 1200 && !Files.exists(release); i++) {
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
