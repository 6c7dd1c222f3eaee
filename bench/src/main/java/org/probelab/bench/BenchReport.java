package org.probelab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A markdown table of benchmark results in a file, one row per run. The table header is written with
 * the first row; later rows must have the same columns. Each append rewrites the file atomically, so
 * an interrupted run never leaves half a row.
 */
public final class BenchReport {
    private final Path file;
    private final List<String> columns;

    public BenchReport(Path file, List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a results table needs at least one column");
        }
        this.file = file;
        this.columns = List.copyOf(columns);
    }

    /** Appends one row; {@code cells} line up with the columns given to the constructor. */
    public void append(List<?> cells) throws IOException {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells for the " + columns.size()
                    + " columns " + columns + " of " + file);
        }
        List<String> lines = new ArrayList<>();
        String header = row(columns);
        if (Files.exists(file)) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            if (lines.isEmpty() || !lines.get(0).equals(header)) {
                throw new IllegalStateException(file + ":1: table header is not " + header
                        + "; write these results to another file");
            }
        } else {
            lines.add(header);
            lines.add(row(columns.stream().map(c -> "---").toList()));
        }
        lines.add(row(cells));
        writeAtomically(lines);
    }

    private static String row(List<?> cells) {
        StringBuilder row = new StringBuilder("|");
        for (Object cell : cells) {
            // A '|' would end the cell early and a line break would end the row.
            row.append(' ').append(String.valueOf(cell).replace("|", "\\|").replaceAll("\\R", " ")).append(" |");
        }
        return row.toString();
    }

    private void writeAtomically(List<String> lines) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
