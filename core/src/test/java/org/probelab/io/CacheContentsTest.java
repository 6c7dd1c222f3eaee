package org.probelab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheContentsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path dir;
    private CacheRoot root;

    private Path item(Path folder, String name, int bytes, Duration age) throws IOException {
        Path item = Files.createDirectories(folder.resolve(name));
        Files.write(item.resolve("content"), new byte[bytes]);
        Files.setLastModifiedTime(item, FileTime.from(NOW.minus(age)));
        return item;
    }

    @BeforeEach
    void cache() throws IOException {
        root = CacheRoot.of(dir.resolve("cache"));
        item(root.models(), "bert", 300, Duration.ofDays(30));
        item(root.data(), "UD_English-EWT", 200, Duration.ofDays(30));
        item(root.representations(), "old-vectors", 100, Duration.ofDays(8));
        item(root.representations(), "new-vectors", 150, Duration.ofDays(1));
        Files.createFile(ProcessLock.beside(root.representations().resolve("old-vectors")));
        Files.createDirectories(root.nativeLibraries());
        Files.createFile(root.nativeLibraries().resolve(".lock"));
    }

    @Test
    void listsEachItemByKindWithItsSizeAndAgeAndNoLockFiles() throws IOException {
        List<CacheContents.Item> items = CacheContents.list(root);

        assertEquals(List.of("models bert 300", "data UD_English-EWT 200", "vectors new-vectors 150",
                "vectors old-vectors 100"), items.stream()
                .map(i -> i.kind().label() + " " + i.path().getFileName() + " " + i.bytes()).toList());
        assertEquals(Duration.ofDays(8), items.get(3).age(NOW));
    }

    @Test
    void removesOnlyTheKindAskedForAndOnlyItemsOlderThanAsked() throws IOException {
        List<CacheContents.Item> removed = CacheContents.remove(root, Set.of(CacheContents.Kind.VECTORS),
                Duration.ofDays(7), NOW, path -> { });

        assertEquals(List.of(root.representations().resolve("old-vectors")),
                removed.stream().map(CacheContents.Item::path).toList());
        assertFalse(Files.exists(root.representations().resolve("old-vectors")));
        assertTrue(Files.exists(root.representations().resolve("new-vectors")));
        assertTrue(Files.exists(root.models().resolve("bert")), "models are another kind");
    }

    @Test
    void vectorsBeingExtractedAreRemovedOnlyOnceTheirLockIsFree() throws Exception {
        Path entry = root.representations().resolve("old-vectors");
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<List<CacheContents.Item>> removal;
        try (ProcessLock held = ProcessLock.acquire(ProcessLock.beside(entry), () -> { })) {
            removal = CompletableFuture.supplyAsync(() -> {
                try {
                    return CacheContents.remove(root, Set.of(CacheContents.Kind.VECTORS), Duration.ofDays(7), NOW,
                            path -> waiting.countDown());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(waiting.await(30, TimeUnit.SECONDS), "the removal did not say it waits");
            assertTrue(Files.exists(entry), "removed while locked");
        }
        assertEquals(1, removal.get(30, TimeUnit.SECONDS).size());
        assertFalse(Files.exists(entry));
    }
}
