package org.probelab.dsl.plots

import jetbrains.datalore.plot.PlotSvgExport
import org.jetbrains.letsPlot.ggsize
import org.jetbrains.letsPlot.intern.Plot
import org.jetbrains.letsPlot.intern.toSpec
import org.probelab.io.AtomicFiles
import java.nio.file.Path

/**
 * A finished figure of a fixed pixel size, rendered offline: SVG by Lets-Plot's own exporter,
 * PNG by Batik, HTML as a page with the SVG inline (Lets-Plot's JavaScript is not needed).
 */
class Figure internal constructor(val title: String, val width: Int, val height: Int, plot: Plot) {
    private val plot = plot + ggsize(width, height)

    /** The figure as a standalone SVG document. */
    fun toSvg(): String = PlotSvgExport.buildSvgImageFromRawSpecs(plot.toSpec(), null)

    /** The figure as PNG bytes, [scale] times the figure's pixel size (2.0 for high-density screens). */
    fun toPng(scale: Double = 1.0): ByteArray {
        require(scale.isFinite() && scale > 0) { "scale is $scale; it must be a positive number" }
        val widthPx = Math.round(width * scale).toInt()
        val heightPx = Math.round(height * scale).toInt()
        require(maxOf(widthPx, heightPx) <= MAX_PNG_SIDE) {
            "scale $scale makes a ${widthPx}×$heightPx PNG; keep each side at most $MAX_PNG_SIDE pixels"
        }
        return SvgRasterizer.toPng(toSvg(), widthPx, heightPx)
    }

    /** A self-contained HTML page showing the figure. */
    fun toHtml(): String = HtmlPage.of(title, toSvg())

    /**
     * Writes the figure in the format named by the extension of [path] (.svg, .png, .html or .htm),
     * atomically; PNGs are written at [pngScale].
     */
    fun save(path: Path, pngScale: Double = 2.0) {
        val bytes = when (val extension = path.fileName.toString().substringAfterLast('.', "").lowercase()) {
            "svg" -> toSvg().toByteArray()
            "png" -> toPng(pngScale)
            "html", "htm" -> toHtml().toByteArray()
            else -> throw IllegalArgumentException(
                "cannot save a figure as '$path': extension '$extension' is not one of svg, png, html"
            )
        }
        AtomicFiles.write(path, bytes)
    }

    private companion object {
        const val MAX_PNG_SIDE = 16_384
    }
}
