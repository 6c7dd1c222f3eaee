package org.probelab.dsl.plots

import java.awt.Color

/**
 * Colours for categories, fixed by position so a label keeps its colour across figures built from the same
 * label list. Seventeen qualitative colours, enough for the 17 UPOS tags: the colour-blind-safe Okabe–Ito set
 * (yellow swapped for grey, which stays visible on white), then nine of Kelly's colours of maximum contrast,
 * each picked to be the farthest from those before it; any two differ by a CIE76 ΔE of at least 26 (PaletteTest).
 * More labels than that get evenly spaced hues, which neighbouring labels can no longer tell apart well.
 */
internal object Palette {
    private val qualitative = listOf(
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999",
        "#8DB600", "#BE0032", "#654522", "#F99379", "#C2B280", "#604E97", "#882D17", "#2B3D26", "#DCD300",
    )

    /** How many labels get distinguishable colours. */
    val distinguishable: Int get() = qualitative.size

    fun colours(count: Int): List<String> =
        if (count <= qualitative.size) qualitative.take(count)
        else List(count) { i -> hex(Color.getHSBColor(i.toFloat() / count, 0.75f, 0.8f)) }

    private fun hex(colour: Color) = "#%02X%02X%02X".format(colour.red, colour.green, colour.blue)
}
