package org.probelab.cli

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.probelab.testing.TinyWorld
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kotlin.io.path.name
import kotlin.random.Random

/**
 * Ctrl-C during `probelab probe`, as a user presses it: SIGINT to a separate JVM at random moments
 * of its extraction. Each time the JVM must stop cleanly (exit 130, its one line, no crash file), and
 * a rerun must give vectors byte-identical to a run never interrupted.
 */
class InterruptTest {
    @TempDir
    lateinit var dir: Path

    private val tries = 4

    @Test
    fun `SIGINT during extraction stops cleanly and a rerun extracts the same bytes`() {
        // wider and deeper than the usual tiny model, so that TensorFlow is busy when the signal lands
        val model = TinyWorld.model(dir, 7, 128, 4)
        val data = TinyWorld.treebank(dir.resolve("tiny.conllu"), 3000, 3)
        fun args(cache: Path) = arrayOf("probe", "--model", model.toString(), "--data", "conllu:$data",
            "--task", "column:${TinyWorld.LEARNABLE_COLUMN}", "--probes", "linear", "--quick",
            "--runs", dir.resolve("runs-" + cache.name).toString(), "--cache", cache.toString())

        val reference = dir.resolve("cache-reference")
        assertEquals(0, probelab(*args(reference)).code)
        val expected = vectorFiles(reference)

        val seed = System.nanoTime()
        val random = Random(seed)
        var interrupted = 0
        for (attempt in 1..tries) {
            val cache = dir.resolve("cache-$attempt")
            val work = Files.createDirectories(dir.resolve("work-$attempt"))
            val child = startCli(work, *args(cache))
            val entries = cache.resolve("representations")
            while (child.isAlive && !(Files.isDirectory(entries) && Files.list(entries).use { it.count() } > 0)) {
                Thread.sleep(10)
            }
            Thread.sleep(random.nextLong(0, 1500))
            ProcessBuilder("kill", "-INT", child.pid().toString()).start().waitFor()
            assertTrue(child.waitFor(180, TimeUnit.SECONDS), "attempt $attempt (seed $seed) did not stop")
            val err = Files.readString(work.resolve("stderr.txt"))
            val crashFiles = Files.list(work).use { files -> files.filter { it.name.startsWith("hs_err") }.toList() }
            assertEquals(emptyList<Path>(), crashFiles, "attempt $attempt (seed $seed) crashed the JVM: $err")
            assertFalse("fatal error" in err, err)
            if (child.exitValue() == EXIT_INTERRUPTED) {
                interrupted++
                val line = err.lines().single { it.startsWith("probelab: ") }
                assertTrue(line.startsWith("probelab: interrupted; ") && "the same command resumes" in line, line)
            } else {
                assertEquals(0, child.exitValue(), "attempt $attempt (seed $seed): $err")
            }

            assertEquals(0, probelab(*args(cache)).code, "the rerun after attempt $attempt")
            val rerun = vectorFiles(cache)
            assertEquals(expected.keys, rerun.keys)
            for ((file, bytes) in expected) assertArrayEquals(bytes, rerun[file], "$file after attempt $attempt")
        }
        assertTrue(interrupted >= tries / 2, "only $interrupted of $tries attempts were interrupted (seed $seed)")
    }

    /** The CLI in a JVM of its own, SIGINT left to the JVM even where the test runner ignores it. */
    private fun startCli(work: Path, vararg argv: String): Process {
        val java = Path.of(System.getProperty("java.home"), "bin", "java").toString()
        val command = listOf("env", "--default-signal=INT", java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
            "org.probelab.cli.MainKt") + argv
        return ProcessBuilder(command).directory(work.toFile())
            .redirectOutput(work.resolve("stdout.txt").toFile())
            .redirectError(work.resolve("stderr.txt").toFile())
            .start()
    }

    /** Every file of the cache's representation entries, by path relative to the cache. */
    private fun vectorFiles(cache: Path): Map<String, ByteArray> {
        val root = cache.resolve("representations")
        return Files.walk(root).use { paths ->
            paths.filter { Files.isRegularFile(it) }.toList()
        }.associate { root.relativize(it).toString() to Files.readAllBytes(it) }
    }
}
