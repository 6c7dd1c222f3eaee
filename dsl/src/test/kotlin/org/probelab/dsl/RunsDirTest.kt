package org.probelab.dsl

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.nio.file.Path
import java.util.Properties

class RunsDirTest {
    private fun properties(vararg pairs: Pair<String, String>) = Properties().apply { pairs.forEach { (k, v) -> setProperty(k, v) } }

    @Test
    fun `runs go to runs under the working directory unless configured`() {
        assertEquals(Path.of("runs"), RunsDir.from(emptyMap(), properties()))
        assertEquals(Path.of("runs"), RunsDir.from(mapOf("PROBELAB_RUNS" to " "), properties()))
    }

    @Test
    fun `the environment variable names the folder and the system property wins over it`() {
        assertEquals(Path.of("/repo/runs"), RunsDir.from(mapOf("PROBELAB_RUNS" to "/repo/runs"), properties()))
        assertEquals(
            Path.of("/elsewhere"),
            RunsDir.from(mapOf("PROBELAB_RUNS" to "/repo/runs"), properties("probelab.runs" to "/elsewhere")),
        )
    }
}
