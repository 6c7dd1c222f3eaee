package org.probelab.cli

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.probelab.io.CacheRoot
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.FileTime
import java.time.Duration
import java.time.Instant

class CacheCommandTest {
    @TempDir
    lateinit var dir: Path
    private lateinit var root: CacheRoot

    private fun item(folder: Path, name: String, bytes: Int, age: Duration): Path {
        val item = Files.createDirectories(folder.resolve(name))
        Files.write(item.resolve("content"), ByteArray(bytes))
        Files.setLastModifiedTime(item, FileTime.from(Instant.now().minus(age)))
        return item
    }

    @BeforeEach
    fun cache() {
        root = CacheRoot.of(dir.resolve("cache"))
        item(root.models(), "bert", 3_000_000, Duration.ofDays(30))
        item(root.data(), "UD_English-EWT", 2_000, Duration.ofDays(30))
        item(root.representations(), "old-vectors", 100, Duration.ofDays(8))
        item(root.representations(), "new-vectors", 150, Duration.ofHours(3))
    }

    @Test
    fun `cache lists each item by kind with its size and age`() {
        val result = probelab("cache", "--cache", root.dir().toString())

        assertEquals(0, result.code, result.err)
        val lines = result.out.lines()
        assertTrue(lines[0].endsWith("3 MB in 4 items"), lines[0])
        assertTrue(lines.any { it.matches(Regex("models\\s+bert\\s+3 MB\\s+30 d")) }, result.out)
        val unreadable = Regex.escape("(being written, or from an older version)")
        assertTrue(lines.any { it.matches(Regex("vectors\\s+new-vectors\\s+$unreadable\\s+150 B\\s+3 h")) }, result.out)
        assertTrue(lines.last { it.isNotBlank() }.startsWith("by kind: models 3 MB, data 2 KB, vectors 250 B"), result.out)
    }

    @Test
    fun `cache remove takes the kinds named and only items older than asked`() {
        val result = probelab("cache", "remove", "--vectors", "--older-than", "7d", "--cache", root.dir().toString())

        assertEquals(0, result.code, result.err)
        assertTrue(result.out.contains("removed vectors old-vectors (100 B)"), result.out)
        assertFalse(Files.exists(root.representations().resolve("old-vectors")))
        assertTrue(Files.exists(root.representations().resolve("new-vectors")))
        assertTrue(Files.exists(root.models().resolve("bert")))
    }

    @Test
    fun `cache remove without a kind or with a malformed age is a usage error`() {
        val noKind = probelab("cache", "remove", "--cache", root.dir().toString())
        assertEquals(2, noKind.code)
        assertTrue(noKind.message.contains("name what to remove"), noKind.message)

        val badAge = probelab("cache", "remove", "--vectors", "--older-than", "7 days", "--cache", root.dir().toString())
        assertEquals(2, badAge.code)
        assertTrue(badAge.message.contains("not an age"), badAge.message)
        assertTrue(Files.exists(root.representations().resolve("old-vectors")), "nothing removed on a usage error")
    }
}
