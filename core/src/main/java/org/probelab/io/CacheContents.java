package org.probelab.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What a cache root holds, by kind, with sizes and ages, and its removal by kind and age. An item is one
 * entry of a kind's folder: an unpacked model, a downloaded treebank, one model snapshot's vectors on one
 * data set, a bundle of native libraries. Its age is the time since its folder last changed; vectors
 * entries are stamped each time a run uses them, so age there means time since last use.
 */
public final class CacheContents {
    /** The kinds of things kept, each in its folder of the cache root. */
    public enum Kind {
        MODELS(CacheRoot::models),
        DATA(CacheRoot::data),
        VECTORS(CacheRoot::representations),
        NATIVE(CacheRoot::nativeLibraries),
        CHECKSUMS(CacheRoot::checksums);

        private final Function<CacheRoot, Path> folder;

        Kind(Function<CacheRoot, Path> folder) {
            this.folder = folder;
        }

        public Path folder(CacheRoot root) {
            return folder.apply(root);
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One cached thing: {@code bytes} on disk (apparent size) and when it last changed. */
    public record Item(Kind kind, Path path, long bytes, Instant lastChanged) {
        public Duration age(Instant now) {
            return Duration.between(lastChanged, now);
        }
    }

    private CacheContents() {
    }

    /** Every item under {@code root}, kind by kind, largest first within a kind. */
    public static List<Item> list(CacheRoot root) throws IOException {
        List<Item> items = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Path folder = kind.folder(root);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> children = Files.list(folder)) {
                for (Path child : children.filter(Predicate.not(CacheContents::bookkeeping)).sorted().toList()) {
                    items.add(new Item(kind, child, bytes(child), Files.getLastModifiedTime(child).toInstant()));
                }
            }
        }
        items.sort(Comparator.comparing(Item::kind).thenComparing(Comparator.comparingLong(Item::bytes).reversed()));
        return items;
    }

    /**
     * Removes the items of {@code kinds} older than {@code olderThan} at {@code now} and returns them. An item
     * guarded by a lock file (vectors being extracted) is removed only once its lock is free: {@code onWait}
     * is told which one is waited for.
     */
    public static List<Item> remove(CacheRoot root, Set<Kind> kinds, Duration olderThan, Instant now,
                                    Consumer<Path> onWait) throws IOException {
        List<Item> removed = new ArrayList<>();
        for (Item item : list(root)) {
            if (!kinds.contains(item.kind()) || item.age(now).compareTo(olderThan) < 0) {
                continue;
            }
            Path lockFile = ProcessLock.beside(item.path());
            if (!Files.exists(lockFile)) {
                AtomicFiles.deleteTree(item.path());
                removed.add(item);
                continue;
            }
            try (ProcessLock lock = ProcessLock.acquire(lockFile, () -> onWait.accept(item.path()))) {
                // the run waited for may have used the entry just now, making it young again
                if (Files.exists(item.path()) && Duration.between(
                        Files.getLastModifiedTime(item.path()).toInstant(), now).compareTo(olderThan) >= 0) {
                    AtomicFiles.deleteTree(item.path());
                    removed.add(item);
                }
            }
        }
        return removed;
    }

    /** Lock files and JavaCPP's own lock are not items; they guard items. */
    private static boolean bookkeeping(Path file) {
        return ProcessLock.isLockFile(file) || AtomicFiles.isTemporary(file);
    }

    private static long bytes(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }
}
