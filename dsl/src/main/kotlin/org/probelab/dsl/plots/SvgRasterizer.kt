package org.probelab.dsl.plots

import org.apache.batik.transcoder.TranscoderException
import org.apache.batik.transcoder.TranscoderInput
import org.apache.batik.transcoder.TranscoderOutput
import org.apache.batik.transcoder.image.ImageTranscoder
import org.apache.batik.transcoder.image.PNGTranscoder
import java.awt.Color
import java.io.ByteArrayOutputStream
import java.io.StringReader

/** Rasterises an SVG document to PNG with Batik; no browser or JavaScript is needed. */
internal object SvgRasterizer {
    fun toPng(svg: String, widthPx: Int, heightPx: Int): ByteArray {
        val transcoder = PNGTranscoder()
        transcoder.addTranscodingHint(ImageTranscoder.KEY_WIDTH, widthPx.toFloat())
        transcoder.addTranscodingHint(ImageTranscoder.KEY_HEIGHT, heightPx.toFloat())
        // Lets-Plot leaves the plot background transparent; a PNG is read on any background, so paint it white.
        transcoder.addTranscodingHint(ImageTranscoder.KEY_BACKGROUND_COLOR, Color.WHITE)
        val png = ByteArrayOutputStream()
        try {
            transcoder.transcode(TranscoderInput(StringReader(svg)), TranscoderOutput(png))
        } catch (e: TranscoderException) {
            throw IllegalStateException("Batik could not rasterise the figure's SVG to PNG: ${e.message}", e)
        }
        return png.toByteArray()
    }
}
