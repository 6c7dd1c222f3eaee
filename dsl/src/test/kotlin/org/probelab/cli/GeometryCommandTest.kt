package org.probelab.cli

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.probelab.dsl.plots.SvgMarks
import org.probelab.probe.ProbingJson
import org.probelab.probe.ProbingResult
import org.probelab.testing.TinyWorld
import java.nio.file.Files
import java.nio.file.Path
import java.util.Locale

/** `probelab probe --direct-probe` then `probelab geometry` on a tiny random model, as a user runs them. */
class GeometryCommandTest {
    companion object {
        @TempDir
        @JvmStatic
        lateinit var dir: Path
        lateinit var model: Path
        lateinit var data: Path
        lateinit var clustered: Path
        lateinit var probeOutput: String

        @BeforeAll
        @JvmStatic
        fun world() {
            model = TinyWorld.model(dir, 3)
            data = TinyWorld.treebank(dir.resolve("tiny.conllu"), 200, 5)
            val r = probe("clustered", "--direct-probe")
            assertEquals(0, r.code, r.err)
            probeOutput = r.out
            clustered = Path.of(r.out.lines().first { it.startsWith("results: ") }.removePrefix("results: ")).parent
        }

        private fun probe(runs: String, vararg flags: String) = probelab(
            "probe", "--model", model.toString(), "--data", "conllu:$data", "--task", "column:${TinyWorld.LEARNABLE_COLUMN}",
            "--layers", "0-2", "--probes", "linear", "--quick", "--runs", dir.resolve(runs).toString(),
            "--cache", dir.resolve("cache").toString(), *flags,
        )
    }

    private fun result(runDir: Path) = ProbingJson.read(runDir.resolve("results.json"), ProbingResult::class.java)

    @Test
    fun `probe --direct-probe prints DirectProbe's table and geometry summarises it with the CKA heatmap`() {
        val layers = result(clustered).directProbes()
        assertEquals(listOf(0, 1, 2), layers.map { it.layer() })
        val r = probelab("geometry", clustered.toString(), "--cache", dir.resolve("cache").toString())
        assertEquals(0, r.code, r.err)
        for (output in listOf(probeOutput, r.out)) {
            for (layer in layers) {
                val train = layer.train()
                val row = Regex("""^${layer.layer()}\s+${train.clusterCount()}\s+${train.labelCount()}\s+(yes|no)\s+""" +
                    """${train.conflicts().size}\s+${String.format(Locale.ROOT, "%.4f", train.prediction().accuracy())}\s""")
                assertTrue(output.lines().any { row.containsMatchIn(it) }, "layer ${layer.layer()} in\n$output")
            }
        }
        val cka = SvgMarks(Files.readString(clustered.resolve("cka.svg")))
        assertEquals(9, cka.panelTexts().size, "a 3 × 3 heatmap with a value per cell")
        assertEquals(listOf("1.00", "1.00", "1.00"), cka.panelTexts().filterIndexed { i, _ -> i % 4 == 0 }, "ones on the diagonal")
        val png = Files.readAllBytes(clustered.resolve("cka.png"))
        assertEquals(listOf(0x89, 'P'.code, 'N'.code, 'G'.code), png.take(4).map { it.toInt() and 0xff })
        assertTrue(Files.exists(clustered.resolve("directprobe-clusters.svg")))
    }

    @Test
    fun `a run without DirectProbe still gets its CKA heatmap and is told how to measure DirectProbe`() {
        val r = probe("plain")
        assertEquals(0, r.code, r.err)
        assertFalse("DirectProbe" in r.out, r.out)
        val plain = Path.of(r.out.lines().first { it.startsWith("results: ") }.removePrefix("results: ")).parent
        val g = probelab("geometry", plain.toString(), "--cache", dir.resolve("cache").toString(), "--split", "dev")
        assertEquals(0, g.code, g.err)
        assertTrue("--direct-probe" in g.out, g.out)
        assertTrue(Files.exists(plain.resolve("cka.png")))
        assertFalse(Files.exists(plain.resolve("directprobe-clusters.svg")))
    }

    @Test
    fun `bad input is one line - no run, vectors gone from the cache, an unknown split, drop-conflicts alone`() {
        val missing = probelab("geometry", dir.resolve("nowhere").toString())
        assertEquals(1, missing.code)
        assertTrue("does not exist" in missing.message, missing.message)
        val gone = probelab("geometry", clustered.toString(), "--cache", dir.resolve("empty-cache").toString())
        assertEquals(1, gone.code)
        assertTrue("not in the cache" in gone.message && "--cache" in gone.message, gone.message)
        assertEquals(2, probelab("geometry", clustered.toString(), "--split", "validation").code)
        val alone = probe("alone", "--drop-conflicts")
        assertEquals(2, alone.code)
        assertTrue("--direct-probe" in alone.message, alone.message)
    }
}
