package org.probelab.kernel

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.net.URLClassLoader
import java.nio.file.Files
import java.nio.file.Path

class ImportedPackagesTest {
    @Test
    fun `only packages that have classes are imported`(@TempDir classes: Path) {
        Files.createDirectories(classes.resolve("org/probelab/text"))
        Files.createFile(classes.resolve("org/probelab/text/Split.class"))
        URLClassLoader(arrayOf(classes.toUri().toURL()), null).use { loader ->
            assertEquals(listOf("org.probelab", "org.probelab.text"), importedPackages(loader))
        }
    }
}
