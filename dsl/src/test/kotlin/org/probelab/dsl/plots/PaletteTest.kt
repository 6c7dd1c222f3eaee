package org.probelab.dsl.plots

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.awt.Color
import kotlin.math.cbrt
import kotlin.math.pow
import kotlin.math.sqrt

class PaletteTest {
    @Test
    fun `the 17 UPOS tags get colours any two of which are clearly different`() {
        val colours = Palette.colours(17)
        assertEquals(17, colours.toSet().size)
        for (i in colours.indices) {
            for (j in i + 1 until colours.size) {
                val difference = deltaE(colours[i], colours[j])
                assertTrue(difference >= 26.0, "${colours[i]} and ${colours[j]} differ by ΔE $difference")
            }
            assertTrue(deltaE(colours[i], "#FFFFFF") >= 30.0, "${colours[i]} is too pale on white")
        }
    }

    @Test
    fun `a label keeps its colour whatever the number of labels up to 17`() {
        val all = Palette.colours(Palette.distinguishable)
        for (count in 1..Palette.distinguishable) assertEquals(all.take(count), Palette.colours(count))
    }

    @Test
    fun `more labels than that still get one colour each`() {
        assertEquals(30, Palette.colours(30).toSet().size)
    }

    /** CIE76 colour difference: Euclidean distance in CIELAB (D65). */
    private fun deltaE(a: String, b: String): Double {
        val (l1, a1, b1) = lab(Color.decode(a))
        val (l2, a2, b2) = lab(Color.decode(b))
        return sqrt((l1 - l2).pow(2) + (a1 - a2).pow(2) + (b1 - b2).pow(2))
    }

    private fun lab(colour: Color): Triple<Double, Double, Double> {
        fun linear(c: Int): Double = (c / 255.0).let { if (it <= 0.04045) it / 12.92 else ((it + 0.055) / 1.055).pow(2.4) }
        val (r, g, b) = Triple(linear(colour.red), linear(colour.green), linear(colour.blue))
        val x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        val y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        val z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        fun f(t: Double) = if (t > 0.008856) cbrt(t) else 7.787 * t + 16.0 / 116
        return Triple(116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }
}
