package org.probelab.dsl.plots

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import java.awt.Color
import java.io.ByteArrayInputStream
import java.nio.ByteBuffer
import java.nio.file.Files
import java.nio.file.Path
import javax.imageio.ImageIO

class FigureExportTest {
    private val figure = layerSimilarityHeatmap(
        listOf("L0", "L1"), listOf(listOf(1.0, 0.4), listOf(0.4, 1.0)), "a < b & \"c\"", "CKA",
    )
    private val pngSignature = byteArrayOf(0x89.toByte(), 'P'.code.toByte(), 'N'.code.toByte(), 'G'.code.toByte(), 13, 10, 26, 10)

    /** Width and height from the PNG header (the IHDR chunk follows the signature). */
    private fun pngSize(png: ByteArray): Pair<Int, Int> {
        val header = ByteBuffer.wrap(png, 16, 8)
        return header.int to header.int
    }

    @Test
    fun `svg is a document of the figure's size that escapes its title`() {
        val marks = SvgMarks(figure.toSvg())

        assertEquals(figure.width.toDouble(), marks.rootAttribute("width").toDouble())
        assertEquals(figure.height.toDouble(), marks.rootAttribute("height").toDouble())
        assertEquals(listOf("a < b & \"c\""), marks.texts("plot-title"))
    }

    @Test
    fun `png has the png signature and the figure's size times the scale`() {
        val png = figure.toPng()
        assertArrayEquals(pngSignature, png.copyOf(8))
        assertEquals(figure.width to figure.height, pngSize(png))

        assertEquals((figure.width * 3 / 2) to (figure.height * 3 / 2), pngSize(figure.toPng(1.5)))
    }

    @Test
    fun `png shows the svg's marks where the svg draws them, on white`() {
        val marks = SvgMarks(figure.toSvg())
        val tiles = marks.panel("rect").mapNotNull { rect -> SvgMarks.fill(rect)?.let { rect to it } }
        assertEquals(4, tiles.size, "the 2×2 heatmap draws four filled tiles")
        for (scale in listOf(1.0, 2.0)) {
            val image = ImageIO.read(ByteArrayInputStream(figure.toPng(scale)))
            for ((rect, fill) in tiles) {
                val (x, y, width, height) = marks.absoluteBox(rect).toList()
                // a fifth into the tile: clear of its edges and of the value written in its middle
                val px = ((x + width / 5) * scale).toInt()
                val py = ((y + height / 5) * scale).toInt()
                val pixel = Color(image.getRGB(px, py))
                assertTrue(close(pixel, fill), "pixel ($px, $py) at scale $scale is $pixel, the tile is $fill")
            }
            assertEquals(Color.WHITE, Color(image.getRGB(1, 1)), "the background is white")
            val inked = (0 until image.width step 2).sumOf { px ->
                (0 until image.height step 2).count { py -> image.getRGB(px, py) != Color.WHITE.rgb }
            }
            assertTrue(inked > image.width * image.height / 4 / 10, "only $inked sampled pixels are not white")
        }
    }

    private fun close(a: Color, b: Color) =
        maxOf(Math.abs(a.red - b.red), Math.abs(a.green - b.green), Math.abs(a.blue - b.blue)) <= 6

    @Test
    fun `png rejects a scale that is not positive or makes a huge image`() {
        for (scale in listOf(0.0, -1.0, Double.NaN, 1000.0)) {
            val error = assertThrows<IllegalArgumentException> { figure.toPng(scale) }
            assertTrue(error.message!!.startsWith("scale"), error.message)
        }
    }

    @Test
    fun `html page is self-contained with the svg inline and the title escaped`() {
        val html = figure.toHtml()

        assertTrue(html.startsWith("<!DOCTYPE html>"))
        assertTrue(html.contains("<title>a &lt; b &amp; &quot;c&quot;</title>"), "escaped title")
        assertTrue(html.contains("<svg") && html.contains("</svg>"), "inline svg")
        for (external in listOf("<script", "src=", "http://", "https://", "@import", "<link")) {
            assertFalse(html.contains(external, ignoreCase = true), "page refers to something outside: $external")
        }
    }

    @Test
    fun `save writes the format named by the extension`(@TempDir dir: Path) {
        figure.save(dir.resolve("f.svg"))
        figure.save(dir.resolve("f.png"), pngScale = 1.0)
        figure.save(dir.resolve("f.HTML"))

        // Lets-Plot draws fresh element ids on every render, so compare what was drawn, not the bytes.
        assertEquals(listOf("L0", "L1"), SvgMarks(Files.readString(dir.resolve("f.svg"))).texts("axis-text-x"))
        val png = Files.readAllBytes(dir.resolve("f.png"))
        assertArrayEquals(pngSignature, png.copyOf(8))
        assertEquals(figure.width to figure.height, pngSize(png))
        val html = Files.readString(dir.resolve("f.HTML"))
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<svg"), "html page with inline svg")
    }

    @Test
    fun `save replaces an existing file, creates missing folders and leaves no temporary files`(@TempDir dir: Path) {
        val target = dir.resolve("report/figures/cka.svg")
        Files.createDirectories(target.parent)
        Files.writeString(target, "old")

        figure.save(target)

        assertTrue(Files.readString(target).startsWith("<svg"))
        Files.list(target.parent).use { files -> assertEquals(listOf(target), files.toList()) }
        figure.save(dir.resolve("new/folder/cka.png"))
        assertTrue(Files.exists(dir.resolve("new/folder/cka.png")))
    }

    @Test
    fun `save rejects an unknown extension and writes nothing`(@TempDir dir: Path) {
        val error = assertThrows<IllegalArgumentException> { figure.save(dir.resolve("f.pdf")) }

        assertTrue(error.message!!.contains("extension 'pdf' is not one of svg, png, html"), error.message)
        Files.list(dir).use { files -> assertEquals(0, files.count()) }
    }
}
