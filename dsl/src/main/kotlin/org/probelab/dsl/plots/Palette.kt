package org.probelab.dsl.plots

import java.awt.Color

/**
 * Colours for categories, fixed by position so a label keeps its colour across figures built from
 * the same label list. Up to eight labels get the colour-blind-safe Okabe–Ito set (yellow swapped
 * for grey, which stays visible on white); more get evenly spaced hues.
 */
internal object Palette {
    private val okabeIto = listOf(
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999",
    )

    fun colours(count: Int): List<String> =
        if (count <= okabeIto.size) okabeIto.take(count)
        else List(count) { i -> hex(Color.getHSBColor(i.toFloat() / count, 0.75f, 0.8f)) }

    private fun hex(colour: Color) = "#%02X%02X%02X".format(colour.red, colour.green, colour.blue)
}
