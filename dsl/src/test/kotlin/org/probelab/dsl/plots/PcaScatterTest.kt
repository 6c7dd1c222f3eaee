package org.probelab.dsl.plots

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.awt.Color

class PcaScatterTest {
    // Two labels on a small fixed grid: NOUN around (0, 0), VERB around (4, 2).
    private val points = listOf(
        Point2(-1.0, 0.0, "NOUN"), Point2(1.0, 0.0, "NOUN"), Point2(0.0, 1.0, "NOUN"), Point2(0.0, -1.0, "NOUN"),
        Point2(4.0, 1.0, "VERB"), Point2(4.0, 3.0, "VERB"),
    )
    private val noun = Color.decode(Palette.colours(2)[0])
    private val verb = Color.decode(Palette.colours(2)[1])

    @Test
    fun `centroids are the mean of each label's points in order of appearance`() {
        assertEquals(listOf(Point2(0.0, 0.0, "NOUN"), Point2(4.0, 2.0, "VERB")), centroidsOf(points))
    }

    @Test
    fun `draws every point in its label colour and one outlined centroid per label`() {
        val circles = SvgMarks(pcaScatter(points, "PCA").toSvg()).panel("circle")
        val outlined = circles.filter { SvgMarks.stroke(it) == Color.BLACK }
        val plain = circles - outlined.toSet()

        assertEquals(4, plain.count { SvgMarks.fill(it) == noun })
        assertEquals(2, plain.count { SvgMarks.fill(it) == verb })
        assertEquals(listOf(noun, verb), outlined.map { SvgMarks.fill(it) })
    }

    @Test
    fun `names the centroids in the panel and the labels in the legend`() {
        val marks = SvgMarks(pcaScatter(points, "Layer 8", xLabel = "first", yLabel = "second").toSvg())

        assertEquals(listOf("NOUN", "VERB"), marks.panelTexts())
        assertEquals(listOf("NOUN", "VERB"), marks.texts("legend-item"))
        assertEquals(listOf("first"), marks.texts("axis-title-x"))
        assertEquals(listOf("second"), marks.texts("axis-title-y"))
        assertEquals(listOf("Layer 8"), marks.texts("plot-title"))
    }

    @Test
    fun `the names of 17 crowded centroids neither overlap nor leave the panel`() {
        val tags = listOf("NOUN", "PUNCT", "VERB", "PRON", "ADP", "DET", "PROPN", "ADJ", "AUX", "ADV", "CCONJ",
            "PART", "NUM", "SCONJ", "X", "INTJ", "SYM")
        // every tag's points around nearly the same spot, as in a last layer where tags overlap, and one outlier
        val crowded = tags.flatMapIndexed { i, tag ->
            listOf(Point2(0.01 * i, 0.02 * i, tag), Point2(0.01 * i + 0.1, 0.02 * i - 0.1, tag))
        } + Point2(10.0, 8.0, "NOUN")
        val marks = SvgMarks(pcaScatter(crowded, "17 tags").toSvg())

        val boxes = marks.labelBoxes()
        assertEquals(tags.toSet(), boxes.keys)
        val panel = marks.panelSize()
        for ((name, box) in boxes) {
            assertTrue(box[0] >= 0 && box[1] >= 0 && box[2] <= panel.first && box[3] <= panel.second, "$name at ${box.toList()} leaves $panel")
        }
        val names = boxes.keys.toList()
        for (i in names.indices) for (j in i + 1 until names.size) {
            val a = boxes.getValue(names[i])
            val b = boxes.getValue(names[j])
            val apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1]
            assertTrue(apart, "${names[i]} ${a.toList()} and ${names[j]} ${b.toList()} overlap")
        }
    }

    @Test
    fun `draws the centroids it is given`() {
        val marks = SvgMarks(pcaScatter(points, "PCA", centroids = listOf(Point2(0.5, 0.5, "VERB"))).toSvg())

        assertEquals(listOf("VERB"), marks.panelTexts())
        assertEquals(1, marks.panel("circle").count { SvgMarks.stroke(it) == Color.BLACK })
    }

    @Test
    fun `rejects a NaN coordinate naming the point`() {
        val bad = points + Point2(Double.NaN, 0.0, "ADJ")
        val error = assertThrows<IllegalArgumentException> { pcaScatter(bad, "t") }
        assertTrue(error.message!!.contains("points[6] (label 'ADJ') is at (NaN, 0.0)"), error.message)
    }

    @Test
    fun `rejects a centroid whose label no point has, no points, and blank labels`() {
        val unknown = assertThrows<IllegalArgumentException> {
            pcaScatter(points, "t", centroids = listOf(Point2(0.0, 0.0, "ADJ")))
        }
        assertTrue(unknown.message!!.contains("centroids[0] has label 'ADJ', which no point has"), unknown.message)
        val none = assertThrows<IllegalArgumentException> { pcaScatter(emptyList(), "t") }
        assertTrue(none.message!!.contains("points is empty"), none.message)
        val blank = assertThrows<IllegalArgumentException> { pcaScatter(listOf(Point2(0.0, 0.0, " ")), "t") }
        assertTrue(blank.message!!.contains("points[0] has a blank label"), blank.message)
    }
}
