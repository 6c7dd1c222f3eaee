package org.probelab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    @TempDir
    Path dir;

    @Test
    void firstRowWritesHeaderAndLaterRowsAppendBelowIt() throws IOException {
        Path file = dir.resolve("results.md");
        BenchReport report = new BenchReport(file, List.of("peer", "tokens/s"));
        report.append(List.of("probelab", 981.5));
        new BenchReport(file, List.of("peer", "tokens/s")).append(List.of("pytorch", 533));
        assertEquals(List.of("| peer | tokens/s |", "| --- | --- |", "| probelab | 981.5 |", "| pytorch | 533 |"),
                Files.readAllLines(file));
    }

    @Test
    void pipesAndLineBreaksInCellsDoNotBreakTheTable() throws IOException {
        Path file = dir.resolve("results.md");
        new BenchReport(file, List.of("note")).append(List.of("a|b\nc"));
        assertEquals("| a\\|b c |", Files.readAllLines(file).get(2));
    }

    @Test
    void rowWithWrongNumberOfCellsIsRejectedAndFileUntouched() {
        Path file = dir.resolve("results.md");
        BenchReport report = new BenchReport(file, List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> report.append(List.of("only one")));
        assertEquals(false, Files.exists(file));
    }

    @Test
    void fileWithAnotherHeaderIsNotAppendedTo() throws IOException {
        Path file = dir.resolve("results.md");
        new BenchReport(file, List.of("a")).append(List.of(1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new BenchReport(file, List.of("b")).append(List.of(2)));
        assertEquals(3, Files.readAllLines(file).size());
        assertEquals(true, e.getMessage().contains("results.md:1"), e.getMessage());
    }

    @Test
    void appendLeavesNoTemporaryFilesBehind() throws IOException {
        Path file = dir.resolve("results.md");
        new BenchReport(file, List.of("a")).append(List.of(1));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
