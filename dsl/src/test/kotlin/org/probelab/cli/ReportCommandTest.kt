package org.probelab.cli

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.probelab.dsl.plots.Palette
import org.probelab.dsl.plots.SvgMarks
import org.probelab.dsl.report.SmallResults
import org.probelab.probe.ProbeKind
import org.probelab.probe.ProbingJson
import java.awt.Color
import java.nio.file.Files
import java.nio.file.Path

/** `probelab report` on a results.json written the way `probelab probe` writes it. */
class ReportCommandTest {
    @TempDir
    lateinit var dir: Path


    private fun reportOfSmallRun(): String {
        ProbingJson.write(SmallResults.probing(), dir.resolve("results.json"))
        val r = probelab("report", dir.toString())
        assertEquals(0, r.code, r.err)
        assertTrue(r.out.contains(dir.resolve("report.html").toString()), r.out)
        return Files.readString(dir.resolve("report.html"))
    }

    @Test
    fun `the page has one table row per layer with each probe's mean and std`() {
        val html = reportOfSmallRun()
        val probing = SmallResults.probing()
        for (layer in 0..2) {
            val mlp = probing.of(ProbeKind.MLP)[layer].result().testAccuracy().toString()
            val linear = probing.of(ProbeKind.LINEAR)[layer].result().testAccuracy().toString()
            val row = Regex("<tr><td>$layer</td>.*?</tr>").find(html)?.value ?: error("no row for layer $layer")
            assertTrue(mlp in row && linear in row, row)
        }
        assertTrue("""<td class="best">${probing.of(ProbeKind.MLP)[2].result().testAccuracy()}</td>""" in html,
            "MLP's best layer (2) is marked")
        assertTrue("""<td class="best">${probing.of(ProbeKind.LINEAR)[1].result().testAccuracy()}</td>""" in html,
            "LINEAR's best layer (1) is marked")
    }

    @Test
    fun `a run of the experiment language is reported from its engine results`() {
        Files.writeString(dir.resolve("results.json"), "{\"not\": \"the engine's results\"}")
        ProbingJson.write(SmallResults.probing(), dir.resolve("engine").resolve("results.json"))
        val r = probelab("report", dir.toString())
        assertEquals(0, r.code, r.err)
        assertTrue(Files.readString(dir.resolve("report.html")).contains("<svg"))
    }

    @Test
    fun `a single seed shows its accuracy without a spread`() {
        ProbingJson.write(SmallResults.probing(seeds = 1), dir.resolve("results.json"))
        assertEquals(0, probelab("report", dir.toString()).code)
        val html = Files.readString(dir.resolve("report.html"))
        val row = Regex("<tr><td>1</td>.*?</tr>").find(html)?.value ?: error("no row for layer 1")
        assertTrue("<td>0.8000</td>" in row && """<td class="best">0.8500</td>""" in row, row)
        assertFalse("±" in row, row)
    }

    @Test
    fun `the page is self-contained with the accuracy figure and one confusion heatmap per probe`() {
        val html = reportOfSmallRun()
        assertEquals(3, Regex("<svg").findAll(html).count(), "accuracy figure and two confusion heatmaps")
        assertTrue("mlp probe, layer 2 (best)" in html && "linear probe, layer 1 (best)" in html, html)
        assertFalse("<script" in html.lowercase(), "no scripts")
        assertFalse("http" in html, "no external addresses")
        assertFalse("<unk>" in html, "labels are escaped")
        assertTrue("tiny &lt;ewt&gt;" in html, "names are escaped")
    }

    @Test
    fun `accuracy svg draws a point per layer for each probe and the png is a png`() {
        reportOfSmallRun()
        val marks = SvgMarks(Files.readString(dir.resolve("accuracy.svg")))
        for (colour in Palette.colours(2).map(Color::decode)) {
            assertEquals(3, marks.panel("circle").count { SvgMarks.fill(it) == colour }, "points of $colour")
        }
        val png = Files.readAllBytes(dir.resolve("accuracy.png"))
        assertArrayEquals(byteArrayOf(0x89.toByte(), 'P'.code.toByte(), 'N'.code.toByte(), 'G'.code.toByte()), png.copyOf(4))
    }

    @Test
    fun `a run directory without results json fails naming the file`() {
        val r = probelab("report", dir.toString())
        assertEquals(1, r.code)
        assertTrue(r.message.contains(dir.resolve("results.json").toString()), r.err)
        assertFalse(Files.exists(dir.resolve("report.html")))
    }

    @Test
    fun `an unreadable results json fails naming the file in one line`() {
        Files.writeString(dir.resolve("results.json"), "{\"spec\": [")
        val r = probelab("report", dir.toString())
        assertEquals(1, r.code)
        assertTrue(r.message.contains(dir.resolve("results.json").toString()) && "not a valid ProbingResult" in r.message, r.err)
        assertTrue(r.message.endsWith("(line 1, column 10)"), r.message)
        assertTrue(r.err.lines().dropWhile { it != r.message }.drop(1).first().startsWith("(set PROBELAB_DEBUG"),
            "the message is one line: ${r.err}")
    }

    @Test
    fun `scores a figure cannot show fail naming the file`() {
        val json = ProbingJson.toJson(SmallResults.probing()).replaceFirst(Regex("\"mean\" : [0-9.]+"), "\"mean\" : \"NaN\"")
        Files.writeString(dir.resolve("results.json"), json)
        val r = probelab("report", dir.toString())
        assertEquals(1, r.code)
        assertTrue(r.message.contains(dir.resolve("results.json").toString()) && "NaN" in r.message, r.err)
    }

    @Test
    fun `report without a run directory is a usage error`() {
        assertEquals(2, probelab("report").code)
        assertEquals(2, probelab("report", "a", "b").code)
    }
}
