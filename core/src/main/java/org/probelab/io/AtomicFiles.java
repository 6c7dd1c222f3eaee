package org.probelab.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes files through a temporary sibling and a rename, so a reader (or a run resumed after
 * {@code kill -9}) sees either the old file or the whole new one, never half of it.
 */
public final class AtomicFiles {
    /** Writes content to an open stream. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final String PART = ".part";

    private AtomicFiles() {
    }

    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = createTemporarySibling(absolute);
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            move(temp, absolute);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Creates an empty file beside {@code target} under a name no other writer uses
     * ({@code .<name>.<uuid>.part}), to be filled and then {@link #move moved} onto {@code target}.
     */
    public static Path createTemporarySibling(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // createTempFile would make the file owner-only; a plain create keeps the umask's permissions
        return Files.createFile(dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + PART));
    }

    /** Whether {@code file} is a temporary sibling, e.g. left by a process that was killed while writing. */
    public static boolean isTemporary(Path file) {
        return file.getFileName().toString().endsWith(PART);
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    public static void writeString(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Renames {@code from} to {@code to} atomically where the file system can, replacing {@code to}. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a directory tree, deepest entries first; a missing root is fine. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
