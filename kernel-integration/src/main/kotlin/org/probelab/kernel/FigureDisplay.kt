package org.probelab.kernel

import org.probelab.dsl.plots.Figure
import org.probelab.dsl.report.inlineSvg
import java.util.Base64

/**
 * A figure as notebook output: inline SVG for front ends that show HTML, and a PNG for those that only
 * show images (and for exported notebooks viewed without SVG support).
 */
fun figureMimes(figure: Figure): Map<String, String> = linkedMapOf(
    "text/html" to inlineSvg(figure),
    "image/png" to Base64.getEncoder().encodeToString(figure.toPng()),
)
