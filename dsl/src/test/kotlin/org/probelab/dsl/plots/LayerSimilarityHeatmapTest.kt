package org.probelab.dsl.plots

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.util.Locale

class LayerSimilarityHeatmapTest {
    private val layers = listOf("emb", "L1", "L2", "L3")
    private val similarity = layers.indices.map { i -> layers.indices.map { j -> 1.0 - 0.25 * kotlin.math.abs(i - j) } }

    private fun tileFills(marks: SvgMarks) = marks.panel("rect").mapNotNull { SvgMarks.fill(it) }

    @Test
    fun `draws a layer by layer grid with two-decimal values and the value name on the legend`() {
        val marks = SvgMarks(layerSimilarityHeatmap(layers, similarity, "CKA base vs tuned", "CKA").toSvg())

        assertEquals(16, tileFills(marks).size)
        val expected = List(4) { "1.00" } + List(6) { "0.75" } + List(4) { "0.50" } + List(2) { "0.25" }
        assertEquals(expected.sorted(), marks.panelTexts().sorted())
        assertEquals(layers.sorted(), marks.texts("axis-text-x").sorted())
        assertEquals(layers.sorted(), marks.texts("axis-text-y").sorted())
        assertEquals(listOf("CKA"), marks.texts("legend-title"))
        assertEquals(listOf("CKA base vs tuned"), marks.texts("plot-title"))
    }

    @Test
    fun `shades non-negative values in one hue and negative values in a second`() {
        val positive = tileFills(SvgMarks(layerSimilarityHeatmap(layers, similarity, "t", "r").toSvg()))
        assertTrue(positive.none { it.red > it.blue + 40 }, "all tiles bluish: $positive")

        val signed = similarity.map { row -> row.map { it - 0.6 } }
        val diverging = tileFills(SvgMarks(layerSimilarityHeatmap(layers, signed, "t", "r").toSvg()))
        assertTrue(diverging.any { it.red > it.blue + 40 }, "negative values reddish: $diverging")
        assertTrue(diverging.any { it.blue > it.red + 40 }, "positive values bluish: $diverging")
    }

    @Test
    fun `renders a matrix whose values are all equal`() {
        val identical = layers.map { layers.map { 0.5 } }
        val marks = SvgMarks(layerSimilarityHeatmap(layers, identical, "t", "CKA").toSvg())

        assertEquals(16, tileFills(marks).size)
        assertEquals(List(16) { "0.50" }, marks.panelTexts())
    }

    @Test
    fun `writes values with a decimal point whatever the default locale`() {
        val saved = Locale.getDefault()
        try {
            Locale.setDefault(Locale.GERMANY)
            val marks = SvgMarks(layerSimilarityHeatmap(layers, similarity, "t", "CKA").toSvg())
            assertTrue(marks.panelTexts().contains("0.75"), marks.panelTexts().toString())
        } finally {
            Locale.setDefault(saved)
        }
    }

    @Test
    fun `rejects NaN naming the cell`() {
        val withNaN = similarity.mapIndexed { i, row -> if (i == 2) row.toMutableList().also { it[1] = Double.NaN } else row }
        val error = assertThrows<IllegalArgumentException> { layerSimilarityHeatmap(layers, withNaN, "t", "CKA") }
        assertTrue(error.message!!.contains("values[2][1] is NaN"), error.message)
    }

    @Test
    fun `rejects a matrix that is not layers by layers`() {
        val error = assertThrows<IllegalArgumentException> { layerSimilarityHeatmap(layers.take(3), similarity, "t", "CKA") }
        assertTrue(error.message!!.contains("values has 4 rows but layers has 3 names"), error.message)
    }
}
