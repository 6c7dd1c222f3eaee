package org.probelab.dsl.plots

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.awt.Color
import kotlin.math.abs

class AccuracyByLayerTest {
    private val base = LayerCurve("base", listOf(0, 4, 8, 12), listOf(0.60, 0.80, 0.90, 0.70), listOf(0.01, 0.02, 0.10, 0.03))
    private val tuned = LayerCurve("fine-tuned", listOf(0, 4, 8, 12), listOf(0.55, 0.75, 0.85, 0.80))
    private val baseColour = Color.decode(Palette.colours(2)[0])
    private val tunedColour = Color.decode(Palette.colours(2)[1])

    @Test
    fun `draws one line and one point per layer for each curve`() {
        val marks = SvgMarks(accuracyByLayer(listOf(base, tuned), "UPOS").toSvg())

        for (colour in listOf(baseColour, tunedColour)) {
            assertEquals(1, marks.panel("path").count { SvgMarks.stroke(it) == colour }, "lines of $colour")
            assertEquals(4, marks.panel("circle").count { SvgMarks.fill(it) == colour }, "points of $colour")
        }
    }

    @Test
    fun `draws three error-bar segments per layer only for curves with std`() {
        val marks = SvgMarks(accuracyByLayer(listOf(base, tuned), "UPOS").toSvg())

        assertEquals(3 * 4, marks.panel("line").count { SvgMarks.stroke(it) == baseColour })
        assertEquals(0, marks.panel("line").count { SvgMarks.stroke(it) == tunedColour })
    }

    @Test
    fun `draws no error bars when no curve has std`() {
        val marks = SvgMarks(accuracyByLayer(listOf(tuned), "UPOS").toSvg())

        assertEquals(0, marks.panel("line").size)
    }

    @Test
    fun `error bars span twice the std`() {
        val marks = SvgMarks(accuracyByLayer(listOf(base), "UPOS").toSvg())
        val spans = marks.panel("line")
            .filter { SvgMarks.stroke(it) == baseColour && it.getAttribute("x1") == it.getAttribute("x2") }
            .map { abs(it.getAttribute("y2").toDouble() - it.getAttribute("y1").toDouble()) }

        assertEquals(4, spans.size, "one vertical segment per layer")
        // pixels per unit of score are the same for every bar, so spans keep the ratios of the stds
        val pixelsPerStd = spans[0] / 0.01
        base.std!!.zip(spans).forEach { (std, span) -> assertEquals(std * pixelsPerStd, span, 0.5) }
    }

    @Test
    fun `keeps the whiskers of a lone layer narrow`() {
        val lone = LayerCurve("lone", listOf(7), listOf(0.8), listOf(0.05))
        val figure = accuracyByLayer(listOf(lone), "one layer")
        val whiskers = SvgMarks(figure.toSvg()).panel("line").filter { it.getAttribute("y1") == it.getAttribute("y2") }
            .map { abs(it.getAttribute("x2").toDouble() - it.getAttribute("x1").toDouble()) }

        assertEquals(2, whiskers.size)
        whiskers.forEach { assertTrue(it in 1.0..figure.width / 3.0, "whisker $it px of a ${figure.width} px figure") }
    }

    @Test
    fun `labels layer ticks with the integer layers and names axes, title and legend`() {
        val marks = SvgMarks(accuracyByLayer(listOf(base, tuned), "UPOS probe", yLabel = "F1").toSvg())

        assertEquals(listOf("0", "4", "8", "12"), marks.texts("axis-text-x"))
        assertEquals(listOf("UPOS probe"), marks.texts("plot-title"))
        assertEquals(listOf("layer"), marks.texts("axis-title-x"))
        assertEquals(listOf("F1"), marks.texts("axis-title-y"))
        assertEquals(listOf("base", "fine-tuned"), marks.texts("legend-item"))
    }

    @Test
    fun `rejects a mean list that does not pair with the layers`() {
        val bad = tuned.copy(mean = listOf(0.5, 0.6))
        val error = assertThrows<IllegalArgumentException> { accuracyByLayer(listOf(base, bad), "t") }
        assertTrue(error.message!!.contains("curves[1] ('fine-tuned').mean has 2 values"), error.message)
    }

    @Test
    fun `rejects NaN in std naming the position`() {
        val bad = base.copy(std = listOf(0.01, Double.NaN, 0.01, 0.01))
        val error = assertThrows<IllegalArgumentException> { accuracyByLayer(listOf(bad), "t") }
        assertTrue(error.message!!.contains("curves[0] ('base').std[1] is NaN"), error.message)
    }

    @Test
    fun `rejects NaN in mean, negative std, repeated layers and repeated labels`() {
        val cases = mapOf(
            tuned.copy(mean = listOf(0.5, Double.NaN, 0.5, 0.5)) to "mean[1] is NaN",
            base.copy(std = listOf(0.01, -0.1, 0.01, 0.01)) to "std[1] is -0.1",
            tuned.copy(layers = listOf(0, 4, 4, 12)) to "layers repeats a layer",
        )
        cases.forEach { (curve, expected) ->
            val error = assertThrows<IllegalArgumentException> { accuracyByLayer(listOf(curve), "t") }
            assertTrue(error.message!!.contains(expected), error.message)
        }
        val twins = assertThrows<IllegalArgumentException> { accuracyByLayer(listOf(tuned, tuned), "t") }
        assertTrue(twins.message!!.contains("curves.label repeats 'fine-tuned'"), twins.message)
    }

    @Test
    fun `rejects no curves and a curve without layers`() {
        val none = assertThrows<IllegalArgumentException> { accuracyByLayer(emptyList(), "t") }
        assertTrue(none.message!!.contains("curves is empty"), none.message)
        val empty = assertThrows<IllegalArgumentException> {
            accuracyByLayer(listOf(LayerCurve("x", emptyList(), emptyList())), "t")
        }
        assertTrue(empty.message!!.contains("curves[0] ('x').layers is empty"), empty.message)
    }
}
