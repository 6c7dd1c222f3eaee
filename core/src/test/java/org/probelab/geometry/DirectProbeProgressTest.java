package org.probelab.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.probelab.Progress;
import org.probelab.RunInterruptedException;
import org.probelab.represent.LabelledVectors;
import org.probelab.testing.ChildJvm;

class DirectProbeProgressTest {
    private static final DirectProbeOptions EXACT = DirectProbeOptions.DEFAULTS.withTolerance(1e-7).withThreads(1);

    private record Report(String task, long done, long total) {
    }

    /** Keeps every report, from whichever thread. */
    private static class Recorder implements Progress {
        final List<Report> reports = new ArrayList<>();

        @Override
        public synchronized void update(String task, long done, long total) {
            reports.add(new Report(task, done, total));
        }

        List<Report> of(String task) {
            return reports.stream().filter(r -> r.task().equals(task)).toList();
        }
    }

    @Test
    void everyPhaseIsReportedInOrderAndEndsFull() {
        Recorder recorder = new Recorder();
        DirectProbeResult r = DirectProbe.run(overlapping(80, 5), overlapping(40, 6), EXACT.withThreads(2), recorder);

        List<String> phases = List.copyOf(new LinkedHashSet<>(recorder.reports.stream().map(Report::task).toList()));
        assertEquals(List.of("directprobe screening", "directprobe merges", "directprobe distances",
                "directprobe test rows"), phases);
        for (String phase : phases) {
            Report last = recorder.of(phase).get(recorder.of(phase).size() - 1);
            assertEquals(last.total(), last.done(), phase + " ends full");
        }
        // 80 rows of 4 labels, all simulated: at most 76 merges; each made merge is one cluster less.
        List<Report> merges = recorder.of("directprobe merges");
        assertEquals(80, r.statistics().simulatedRows());
        assertEquals(76, merges.get(0).total());
        assertEquals(r.statistics().mergesTried() + 2, merges.size(), "the start, one per merge tried, the end");
        assertEquals(80 - r.clusterCount(), merges.get(merges.size() - 2).done(), "merges made before the end");
        assertEquals(40, recorder.of("directprobe test rows").get(0).total());
    }

    @Test
    void aPhaseWithNothingToDoIsNotReported() {
        // Two labels far apart: no label pair constrains, so no merge is simulated.
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {50, 50}, {50, 51}, {51, 50}};
        Recorder recorder = new Recorder();
        DirectProbeResult r = DirectProbe.run(DirectProbeTest.vectors(x, new int[] {0, 0, 0, 1, 1, 1}), null, EXACT,
                recorder);
        assertEquals(0, r.statistics().simulatedRows());
        assertEquals(List.of(), recorder.of("directprobe merges"));
        for (Report report : recorder.reports) {
            assertTrue(report.total() > 0, report + ": a display would show it running for ever");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aStopAskedForDuringTheMergesEndsTheRunThere(int threads) {
        Recorder recorder = new Recorder() {
            @Override
            public synchronized void update(String task, long done, long total) {
                super.update(task, done, total);
                if (of("directprobe merges").size() > 5) {
                    throw new RunInterruptedException("interrupted");
                }
            }
        };
        assertThrows(RunInterruptedException.class,
                () -> DirectProbe.run(overlapping(80, 5), null, EXACT.withThreads(threads), recorder));
        assertFalse(recorder.reports.stream().anyMatch(r -> r.task().equals("directprobe distances")));
        assertTrue(recorder.of("directprobe merges").size() > 5);
    }

    @Test
    void aStopAskedForEndsTheRunInsideTheSolverWithoutAnyProgressReporter(@TempDir Path dir) throws Exception {
        // The stop is process-wide, so it is asked for in a JVM of its own.
        assertEquals(3, ChildJvm.await(ChildJvm.start(StoppedDirectProbe.class, dir.resolve("stop.log"), List.of(),
                "stop")), Files.readString(dir.resolve("stop.log")));
        assertEquals(0, ChildJvm.await(ChildJvm.start(StoppedDirectProbe.class, dir.resolve("run.log"), List.of())),
                Files.readString(dir.resolve("run.log")));
    }

    /** Labels 0/1 overlapping near the origin, 2/3 far away: two components of the merge search. */
    static LabelledVectors overlapping(int rows, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][3];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i % 4;
            for (int k = 0; k < 3; k++) {
                x[i][k] = (float) (random.nextGaussian() + (labels[i] % 2) * 0.8 + (labels[i] >= 2 ? 40 : 0));
            }
        }
        return DirectProbeTest.vectors(x, labels);
    }
}
