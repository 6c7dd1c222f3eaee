package org.probelab.dsl.plots

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.awt.Color

class ConfusionHeatmapTest {
    private val labels = listOf("NOUN", "VERB", "ADJ")
    private val counts = listOf(listOf(9, 1, 0), listOf(2, 6, 2), listOf(0, 0, 4))

    private fun tiles(marks: SvgMarks) = marks.panel("rect").filter { SvgMarks.fill(it) != null }

    @Test
    fun `draws one tile per gold and predicted pair with row shares written in the cells`() {
        val marks = SvgMarks(confusionHeatmap(labels, counts, "Confusion").toSvg())

        assertEquals(9, tiles(marks).size)
        assertEquals(
            listOf("0.90", "0.10", "0.00", "0.20", "0.60", "0.20", "0.00", "0.00", "1.00").sorted(),
            marks.panelTexts().sorted(),
        )
    }

    @Test
    fun `writes raw counts when not normalised`() {
        val marks = SvgMarks(confusionHeatmap(labels, counts, "Counts", normalize = false).toSvg())

        assertEquals(counts.flatten().map { it.toString() }.sorted(), marks.panelTexts().sorted())
        assertEquals(listOf("count"), marks.texts("legend-title"))
    }

    @Test
    fun `names both axes with the labels and titles them gold and predicted`() {
        val marks = SvgMarks(confusionHeatmap(labels, counts, "Confusion at layer 8").toSvg())

        assertEquals(labels.sorted(), marks.texts("axis-text-x").sorted())
        assertEquals(labels.sorted(), marks.texts("axis-text-y").sorted())
        assertEquals(listOf("predicted"), marks.texts("axis-title-x"))
        assertEquals(listOf("gold"), marks.texts("axis-title-y"))
        assertEquals(listOf("Confusion at layer 8"), marks.texts("plot-title"))
    }

    @Test
    fun `writes white on dark cells and dark on light cells`() {
        val cells = SvgMarks(confusionHeatmap(labels, counts, "Confusion").toSvg()).panel("text")
        fun ink(text: String) = cells.filter { it.textContent.trim() == text }.map { SvgMarks.fill(it) }.distinct()

        assertEquals(listOf(Color.WHITE), ink("1.00"))
        assertEquals(listOf(Color.WHITE), ink("0.90"))
        assertTrue(ink("0.10").single()!!.red < 100, "dark ink on a light cell")
    }

    @Test
    fun `marks a gold label that never occurs with dashes instead of shares`() {
        val noAdjGold = listOf(listOf(9, 1, 0), listOf(2, 6, 2), listOf(0, 0, 0))
        val marks = SvgMarks(confusionHeatmap(labels, noAdjGold, "Confusion").toSvg())

        assertEquals(3, marks.panelTexts().count { it == "–" })
        assertEquals(9, tiles(marks).size)
    }

    @Test
    fun `rejects a row of the wrong length naming the row and its label`() {
        val ragged = listOf(listOf(1, 0, 0), listOf(0, 1), listOf(0, 0, 1))
        val error = assertThrows<IllegalArgumentException> { confusionHeatmap(labels, ragged, "t") }
        assertTrue(error.message!!.contains("counts[1] ('VERB') has 2 columns; expected 3"), error.message)
    }

    @Test
    fun `rejects missing rows, negative counts, all-zero counts, repeated and missing labels`() {
        fun messageOf(labels: List<String>, counts: List<List<Int>>) =
            assertThrows<IllegalArgumentException> { confusionHeatmap(labels, counts, "t") }.message!!

        assertTrue(messageOf(labels, counts.take(2)).contains("counts has 2 rows but labels has 3 names"))
        assertTrue(messageOf(labels, listOf(listOf(1, -1, 0), listOf(0, 1, 0), listOf(0, 0, 1))).contains("counts[0][1] is -1"))
        assertTrue(messageOf(labels, List(3) { List(3) { 0 } }).contains("counts are all zero"))
        assertTrue(messageOf(listOf("A", "A"), listOf(listOf(1, 0), listOf(0, 1))).contains("labels repeats 'A'"))
        assertTrue(messageOf(emptyList(), emptyList()).contains("labels is empty"))
    }
}
