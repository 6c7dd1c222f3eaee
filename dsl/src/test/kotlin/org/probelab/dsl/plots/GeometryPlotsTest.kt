package org.probelab.dsl.plots

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.awt.Color

/** The figures of the geometry of a space: clusters by layer, label distances, centroid movement and shift. */
class GeometryPlotsTest {
    @Test
    fun `cluster count by layer draws a point per layer and names the label count`() {
        val marks = SvgMarks(clusterCountByLayer(listOf(0, 6, 12), listOf(40, 17, 19), 17, "clusters by layer").toSvg())

        assertEquals(3, marks.panel("circle").size)
        assertEquals(listOf("clusters (dashed: 17 labels)"), marks.texts("axis-title-y"))
        val e = assertThrows<IllegalArgumentException> { clusterCountByLayer(listOf(0), listOf(3), 4, "t") }
        assertTrue("fewer than the 4 labels" in e.message!!, e.message)
    }

    @Test
    fun `label distances fill both halves of the matrix and leave the diagonal empty`() {
        val distances = mapOf(setOf("NOUN", "VERB") to 0.5, setOf("NOUN", "ADJ") to 1.25, setOf("VERB", "ADJ") to 0.0)
        val marks = SvgMarks(labelDistanceHeatmap(listOf("ADJ", "NOUN", "VERB"), distances, "distances").toSvg())

        assertEquals(listOf("0.00", "0.00", "0.50", "0.50", "1.25", "1.25"), marks.panelTexts().filter { it.isNotEmpty() }.sorted())
        val e = assertThrows<IllegalArgumentException> {
            labelDistanceHeatmap(listOf("NOUN", "VERB"), mapOf(setOf("NOUN", "X") to 1.0), "t")
        }
        assertTrue("pair [NOUN, X]" in e.message!!, e.message)
    }

    @Test
    fun `minimum distance bars are one per label with the nearest label written beside`() {
        val figure = minimumDistanceBars(listOf("NOUN", "VERB", "ADJ"), listOf(0.5, 0.5, 1.5), listOf("VERB", "NOUN", "NOUN"), "m")
        val marks = SvgMarks(figure.toSvg())

        assertEquals(3, marks.panel("rect").count { SvgMarks.fill(it) == Color(0x00, 0x72, 0xB2) }, "a bar per label")
        assertTrue(marks.panelTexts().containsAll(listOf("→ VERB (0.50)", "→ NOUN (0.50)", "→ NOUN (1.50)")), marks.panelTexts().toString())
        val e = assertThrows<IllegalArgumentException> { minimumDistanceBars(listOf("A"), listOf(-1.0), listOf("B"), "m") }
        assertTrue("('A')" in e.message!!, e.message)
    }

    @Test
    fun `movement by label and layer writes each value and leaves missing ones empty`() {
        val marks = SvgMarks(
            labelByLayerHeatmap(listOf("NOUN", "VERB"), listOf(0, 12), listOf(listOf(0.25, 3.5), listOf(null, 1.0)), "moved", "distance").toSvg(),
        )
        assertEquals(listOf("0.25", "1.00", "3.50"), marks.panelTexts().filter { it.isNotEmpty() }.sorted())
        assertEquals(listOf("NOUN", "VERB"), marks.texts("axis-text-y").sorted())
    }

    @Test
    fun `centroid shift draws an arrow per label both sides have and names the labels at their new place`() {
        val before = listOf(Point2(0.0, 0.0, "NOUN"), Point2(1.0, 1.0, "VERB"), Point2(2.0, 0.0, "ADJ"))
        val after = listOf(Point2(0.5, 0.0, "NOUN"), Point2(1.0, 2.0, "VERB"), Point2(3.0, 3.0, "INTJ"))
        val marks = SvgMarks(centroidShift(before, after, "shift").toSvg())

        assertEquals(listOf("INTJ", "NOUN", "VERB"), marks.panelTexts().sorted())
        assertEquals(3 + 3, marks.panel("circle").size, "a faint point per old place, a point per new place")
    }
}
