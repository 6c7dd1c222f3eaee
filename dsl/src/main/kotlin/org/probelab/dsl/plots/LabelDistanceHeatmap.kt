package org.probelab.dsl.plots

/**
 * Distance between every two labels of one space (for instance DirectProbe's mean cluster-to-cluster
 * distance, or the distance between label centroids): `distances[key]` for the unordered pair
 * `key = setOf(a, b)`. The matrix is symmetric; the diagonal, and pairs without a distance, stay grey.
 * Dark cells are far apart, light ones close (0 = overlapping clusters).
 */
fun labelDistanceHeatmap(labels: List<String>, distances: Map<Set<String>, Double>, title: String): Figure {
    requireNotEmpty("labels", labels)
    requireDistinctNames("labels", labels)
    distances.forEach { (pair, d) ->
        require(pair.size == 2 && labels.containsAll(pair)) {
            "distances has pair $pair; each key must be two different labels out of $labels"
        }
        require(d.isFinite() && d >= 0) { "distances[$pair] is $d; a distance is a finite number ≥ 0" }
    }
    require(distances.isNotEmpty()) { "distances is empty; a figure needs at least one label pair" }

    val values = labels.map { a -> labels.map { b -> if (a == b) null else distances[setOf(a, b)] } }
    val text = values.map { row -> row.map { v -> if (v == null) "" else twoDecimals(v) } }
    val high = distances.values.max()
    val frame = HeatmapFrame(
        title, xName = "label", yName = "label", valueName = "distance",
        limits = 0.0 to (if (high > 0) high else 1.0), shading = Shading.SEQUENTIAL,
    )
    return heatmap(frame, labels, labels, values, text)
}
