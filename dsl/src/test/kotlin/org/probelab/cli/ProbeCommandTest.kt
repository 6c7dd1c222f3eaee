package org.probelab.cli

import com.fasterxml.jackson.databind.ObjectMapper
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.probelab.testing.TinyWorld
import java.nio.file.Files
import java.nio.file.Path

/** The `probe` command end to end on a tiny random model, as a user runs it. */
class ProbeCommandTest {
    companion object {
        @TempDir
        @JvmStatic
        lateinit var dir: Path
        lateinit var model: Path
        lateinit var data: Path

        @BeforeAll
        @JvmStatic
        fun world() {
            model = TinyWorld.model(dir, 3)
            data = TinyWorld.treebank(dir.resolve("tiny.conllu"), 200, 5)
        }
    }


    private fun common() = arrayOf("--model", model.toString(), "--data", "conllu:$data",
        "--runs", dir.resolve("runs").toString(), "--cache", dir.resolve("cache").toString())

    @Test
    fun `prints a per-layer table and writes spec and results`() {
        val r = probelab("probe", *common(), "--task", "column:${TinyWorld.LEARNABLE_COLUMN}", "--layers", "0-2",
            "--probes", "linear", "--quick")
        assertEquals(0, r.code, r.err)
        val rows = r.out.lines().filter { it.matches(Regex("""^[0-2]\s+0\.\d{4}.*""")) }
        assertEquals(3, rows.size, r.out)
        val resultsLine = r.out.lines().first { it.startsWith("results: ") }
        val results = Path.of(resultsLine.removePrefix("results: "))
        val json = ObjectMapper().readTree(results.toFile())
        assertEquals(3, json["scores"].size())
        assertEquals("LINEAR", json["scores"][0]["result"]["kind"].asText())
        assertEquals(model.toString(), json["provenance"]["modelId"].asText())
        assertTrue(Files.exists(results.resolveSibling("spec.json")))
    }

    @Test
    fun `a layer the model lacks is one readable line and exit code 1`() {
        val r = probelab("probe", *common(), "--task", "column:${TinyWorld.LEARNABLE_COLUMN}", "--layers", "7", "--quick")
        assertEquals(1, r.code)
        assertTrue(r.err.contains("hidden states 0..2"), r.err)
        assertTrue(!r.err.contains("\tat "), "stack trace printed: " + r.err)
    }

    @Test
    fun `a missing data file names what to change`() {
        val missing = probelab("probe", "--data", "conllu:/no/such/file.conllu", "--model", model.toString(),
            "--runs", dir.resolve("runs").toString(), "--cache", dir.resolve("cache").toString())
        assertEquals(1, missing.code)
        assertTrue(missing.err.contains("/no/such/file.conllu"), missing.err)
    }
}
