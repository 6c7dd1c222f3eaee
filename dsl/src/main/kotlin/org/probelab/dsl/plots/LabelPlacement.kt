package org.probelab.dsl.plots

import kotlin.math.max
import kotlin.math.min

/** An axis-aligned box in pixels, by its centre and size. */
internal data class Box(val x: Double, val y: Double, val width: Double, val height: Double) {
    fun overlap(other: Box): Double {
        val dx = min(x + width / 2, other.x + other.width / 2) - max(x - width / 2, other.x - other.width / 2)
        val dy = min(y + height / 2, other.y + other.height / 2) - max(y - height / 2, other.y - other.height / 2)
        return if (dx > 0 && dy > 0) dx * dy else 0.0
    }

    fun inside(width: Double, height: Double): Boolean =
        x - this.width / 2 >= 0 && x + this.width / 2 <= width && y - this.height / 2 >= 0 && y + this.height / 2 <= height
}

/**
 * Places name tags next to their markers so that no two tags overlap each other or cover a marker, the way
 * ggrepel does (the Lets-Plot that Kotlin 1.8 allows has no repel): each tag, in turn, takes the first free spot
 * on rings of growing distance around its marker (16 directions each), starting above it; where none is free,
 * the spot that overlaps least. Works in pixels, y growing downwards, within a panel of [panelWidth] × [panelHeight].
 */
internal class LabelPlacement(private val panelWidth: Double, private val panelHeight: Double, private val markerRadius: Double) {
    /** Centre of each tag; [markers] are the marker centres, [tags] the tags' sizes, in the same order. */
    fun place(markers: List<Pair<Double, Double>>, tags: List<Pair<Double, Double>>): List<Pair<Double, Double>> {
        val markerBoxes = markers.map { (x, y) -> Box(x, y, 2 * markerRadius, 2 * markerRadius) }
        val placed = mutableListOf<Box>()
        return markers.zip(tags).map { (marker, size) ->
            val candidates = candidates(marker, size)
            val best = candidates.firstOrNull { overlap(it, placed, markerBoxes) == 0.0 && it.inside(panelWidth, panelHeight) }
                ?: candidates.minBy { overlap(it, placed, markerBoxes) + if (it.inside(panelWidth, panelHeight)) 0.0 else OUTSIDE }
            placed += best
            best.x to best.y
        }
    }

    private fun overlap(box: Box, placed: List<Box>, markers: List<Box>): Double =
        placed.sumOf { box.overlap(it) } + markers.sumOf { box.overlap(it) }

    /**
     * Spots on rings around the marker, nearest ring first; on each ring above, below, right, left, then the
     * diagonals, then the directions between. Rings are ellipses that keep a tag clear of its marker.
     */
    private fun candidates(marker: Pair<Double, Double>, size: Pair<Double, Double>): List<Box> {
        val (x, y) = marker
        val (width, height) = size
        val vertical = markerRadius + height / 2 + GAP
        val horizontal = markerRadius + width / 2 + GAP
        return (1..RINGS).flatMap { ring ->
            val v = vertical + (ring - 1) * (height + GAP)
            val h = horizontal + (ring - 1) * (width / 2 + GAP)
            DIRECTIONS.map { (dx, dy) -> Box(x + dx * h, y + dy * v, width, height) }
        }
    }

    private companion object {
        /** Room between tags, also absorbing the pixels by which a tag's estimated size misses the drawn one. */
        const val GAP = 6.0
        const val RINGS = 15

        /** Unit offsets in the order tried: up, down, right, left, the diagonals, then the eight between. */
        val DIRECTIONS: List<Pair<Double, Double>> = listOf(-90.0, 90.0, 0.0, 180.0, -45.0, -135.0, 45.0, 135.0,
            -67.5, -112.5, 67.5, 112.5, -22.5, -157.5, 22.5, 157.5).map { degrees ->
            Math.cos(Math.toRadians(degrees)) to Math.sin(Math.toRadians(degrees))
        }

        /** Counts a spot outside the panel as worse than any overlap inside it. */
        const val OUTSIDE = 1e9
    }
}
