package org.probelab.dsl.report

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.probelab.dsl.plots.SvgMarks
import org.probelab.dsl.toExperimentResult

/** A DSL result shows the same table as core's result it came from, with its best layers in bold. */
class RunHtmlTest {
    private fun rows(html: String): List<String> = Regex("<tr><td>\\d+</td>.*?</tr>").findAll(html).map { it.value }.toList()

    /** A row's cells without markup, so the two tables' numbers can be compared whatever marks the best cell. */
    private fun cells(row: String): List<String> =
        Regex("<td[^>]*>(.*?)</td>").findAll(row).map { it.groupValues[1].replace(Regex("<[^>]+>"), "") }.toList()

    @Test
    fun `the layer table of a dsl result has core's numbers and configs, row by row`() {
        val core = SmallResults.probing(seeds = 3)
        val ours = rows(experimentLayerTable(core.toExperimentResult()))
        val theirs = rows(layerTable(core))
        assertEquals(3, ours.size)
        assertEquals(theirs.map(::cells), ours.map(::cells))
    }

    @Test
    fun `each probe's best layer is bold and one seed shows no spread`() {
        val html = experimentLayerTable(SmallResults.probing(seeds = 1).toExperimentResult())
        val bold = rows(html).map { row -> Regex("<b>([^<]*)</b>").findAll(row).map { it.groupValues[1] }.toList() }
        // MLP peaks at layer 2 (0.90), LINEAR at layer 1 (0.85)
        assertEquals(listOf(emptyList(), listOf("0.8500"), listOf("0.9000")), bold)
        assertFalse("±" in html, html)
    }

    @Test
    fun `the result fragment draws a point per layer and probe and escapes the data name`() {
        val html = experimentResultHtml(SmallResults.probing(dataName = "tiny <ewt>").toExperimentResult())
        assertTrue("tiny &lt;ewt&gt;" in html && "<ewt>" !in html, html)
        val svg = html.substring(html.indexOf("<svg"), html.lastIndexOf("</svg>") + 6)
        assertEquals(listOf("mlp", "linear"), SvgMarks(svg).texts("legend-item"))
        assertEquals(6, SvgMarks(svg).panel("circle").size)
    }
}
