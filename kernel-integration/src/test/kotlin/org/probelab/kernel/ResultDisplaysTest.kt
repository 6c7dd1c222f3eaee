package org.probelab.kernel

import org.jetbrains.kotlinx.jupyter.api.MimeTypedResult
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.w3c.dom.Element
import java.io.StringReader
import java.util.Base64
import javax.xml.parsers.DocumentBuilderFactory
import org.xml.sax.InputSource

/** Probing results and figures shown by a notebook cell, with the integration loaded as `%use probelab` loads it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultDisplaysTest {
    private val notebook = NotebookRepl()

    init {
        // Layers 0..2, MLP and LINEAR, two seeds; accuracy 0.5 + 0.1 × layer (+0.02 for the second seed, MLP only).
        notebook.cell(
            """
            val labels = listOf("NOUN", "VERB", "<b>&")
            fun evaluation(right: Int): Evaluation {
                val gold = List(50) { labels[it % 3] }
                return Evaluation.of(labels, gold, gold.mapIndexed { i, g -> if (i < right) g else labels[(labels.indexOf(g) + 1) % 3] })
            }
            fun probe(layer: Int, kind: ProbeKind): ProbeResult {
                val config = ProbeConfig(kind, 8, 8, 0.0, 0.01, 16, 5, 2, 1)
                val extra = if (kind == ProbeKind.MLP) 1 else 0
                val seeds = listOf(evaluation(25 + 5 * layer), evaluation(25 + 5 * layer + extra))
                return ProbeResult("layer ${'$'}layer <i>", kind, config, listOf(GridPoint(config, 0.5, TrainingOutcome(2, 4, false))),
                    listOf(GridPoint(config, 0.5, TrainingOutcome(2, 4, false)), GridPoint(config.withSeed(2), 0.5, TrainingOutcome(2, 4, false))), seeds,
                    Summary.of(*seeds.map { it.accuracy() }.toDoubleArray()), Summary.of(*seeds.map { it.macroF1() }.toDoubleArray()))
            }
            val kinds = listOf(ProbeKind.MLP, ProbeKind.LINEAR)
            val result = ProbingResult(
                ProbingSpec("tiny", "demo", "pos", listOf(0, 1, 2), kinds, true, 2, ExtractionOptions.DEFAULTS),
                Provenance("tiny-bert", "0123456789abcdef0123", "demo <x>", "fedcba9876543210fedc",
                    linkedMapOf("train" to 10L, "dev" to 5L, "test" to 50L), "key", "cpu (2 threads)",
                    linkedMapOf("probelab" to "0.1.0"), "2026-11-23T12:00:00Z", linkedMapOf("probe" to 1.0)),
                (0..2).flatMap { layer -> kinds.map { LayerScore(layer, probe(layer, it)) } })
            """.trimIndent(),
        )
    }

    @Test
    fun `a probing result shows a row per layer and the accuracy figure with a point per layer and probe`() {
        val html = notebook.cellHtml("result")

        for (layer in 0..2) {
            val row = Regex("<tr><td>$layer</td>.*?</tr>").find(html)?.value ?: error("no row for layer $layer in $html")
            val linear = String.format(java.util.Locale.ROOT, "%.4f ± 0.0000", 0.5 + 0.1 * layer)
            assertTrue(linear in row, "LINEAR accuracy of layer $layer: $row")
            assertEquals(2, Regex("<code>LINEAR|<code>MLP").findAll(row).count(), row)
        }
        val svg = html.substring(html.indexOf("<svg"), html.lastIndexOf("</svg>") + 6)
        assertEquals(2 * 3, panelMarks(svg, "circle"), "a point per layer for each probe")
        assertEquals(2, panelMarks(svg, "path"), "a line per probe")
        assertTrue(">0123456789ab</code>" in html && ">fedcba987654</code>" in html, "checksum prefixes")
        assertTrue("cpu (2 threads)" in html && "probelab 0.1.0" in html, html)
    }

    @Test
    fun `a layer similarity shows its heatmap and the line of each layer against its counterpart`() {
        notebook.cell(
            """
            val base = RunSource("base", RunProvenance("bert <b>", "c", "demo", "d", mapOf(),
                "k", "cpu", mapOf(), listOf(1L), mapOf(), "t"))
            val cka = LayerSimilarity(base, base.copy(name = "tuned"), listOf(0, 1), listOf(0, 1), "test", 40,
                listOf(listOf(0.9, 0.5), listOf(0.4, 0.8)), listOf(listOf(0.75, 0.3), listOf(0.2, 0.65)))
            """.trimIndent(),
        )
        val html = notebook.cellHtml("cka")

        assertEquals(2, Regex("<svg").findAll(html).count(), "heatmap and line")
        assertTrue("0.75" in html && "0.65" in html, "the debiased values are written in the cells")
        assertTrue("bert &lt;b&gt;" in html && "40 test items" in html, html)
    }

    @Test
    fun `a spatial similarity shows the correlation by layer and the centroid movement`() {
        notebook.cell(
            """
            val source = RunSource("base", RunProvenance("bert", "c", "demo", "d", mapOf(), "k", "cpu", mapOf(),
                listOf(1L), mapOf(), "t"))
            val spatial = SpatialSimilarity(source, "train", source, "test", listOf(
                SpatialLayer(0, 3, 0.97, mapOf("NOUN" to 0.5, "VERB" to 1.5)),
                SpatialLayer(12, 3, 0.81, mapOf("NOUN" to 2.25, "VERB" to 0.75))))
            """.trimIndent(),
        )
        val html = notebook.cellHtml("spatial")

        assertEquals(2, Regex("<svg").findAll(html).count(), "correlation line and movement heatmap")
        assertTrue("2.25" in html && "(train) vs" in html, html)
        assertTrue("<tr><td>12</td><td>3</td><td>0.8100</td></tr>" in html, html)
        assertFalse("no correlation" in html, html)
    }

    @Test
    fun `a spatial similarity without any correlation says why in one line and still shows the movement`() {
        notebook.cell(
            """
            val clustered = RunSource("clustered", RunProvenance("bert", "c", "demo", "d", mapOf(), "k", "cpu", mapOf(),
                listOf(1L), mapOf(), "t"))
            val small = SpatialSimilarity(clustered, "train", clustered, "test", listOf(
                SpatialLayer(0, 1, null, mapOf("NOUN" to 0.5, "VERB" to 1.5))), SpatialSimilarity.DIRECTPROBE, 5)
            """.trimIndent(),
        )
        val html = notebook.cellHtml("small")

        assertEquals(1, Regex("<svg").findAll(html).count(), "the movement heatmap only")
        assertTrue("<p>no correlation on layer 0: only 1 label pairs are in both spaces" in html, html)
        assertTrue("<tr><td>0</td><td>1</td><td>–</td></tr>" in html, html)
    }

    @Test
    fun `names in a probing result are escaped`() {
        val html = notebook.cellHtml("result")
        assertTrue("demo &lt;x&gt;" in html, html)
        assertFalse("<x>" in html, html)
    }

    @Test
    fun `one probe shows its config, grid size, per-seed accuracies and the confusion heatmap`() {
        val html = notebook.cellHtml("result.of(ProbeKind.MLP)[2].result()")

        assertTrue("<b>layer 2 &lt;i&gt;</b>" in html, html)
        assertTrue("<code>MLP 8x8" in html && "among 1 config" in html, html)
        assertTrue("<tr><td>1</td><td>0.7000</td>" in html && "<tr><td>2</td><td>0.7200</td>" in html, html)
        val svg = html.substring(html.indexOf("<svg"), html.lastIndexOf("</svg>") + 6)
        assertEquals(9, panelMarks(svg, "rect"), "a tile per gold × predicted label")
        assertFalse("<b>&" in html, "labels are escaped in the heatmap")
    }

    @Test
    fun `a figure shows as inline svg with a png fallback`() {
        val shown = notebook.cell("accuracyFigure(result)").displayValue as MimeTypedResult
        assertTrue(shown.getValue("text/html").startsWith("<svg"), shown.getValue("text/html").take(80))
        val png = Base64.getDecoder().decode(shown.getValue("image/png"))
        assertEquals("PNG", String(png, 1, 3, Charsets.US_ASCII))
    }

    /** How many [tag] elements the figure draws inside its clipped plot panel (axes and legend excluded). */
    private fun panelMarks(svg: String, tag: String): Int {
        val root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(InputSource(StringReader(svg))).documentElement
        val nodes = root.getElementsByTagName(tag)
        return (0 until nodes.length).map { nodes.item(it) as Element }.count { element ->
            generateSequence(element.parentNode) { it.parentNode }.filterIsInstance<Element>().let { ancestors ->
                ancestors.none { it.tagName == "defs" } && ancestors.any { it.hasAttribute("clip-path") }
            }
        }
    }
}
