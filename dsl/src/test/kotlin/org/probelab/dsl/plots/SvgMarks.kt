package org.probelab.dsl.plots

import org.w3c.dom.Element
import java.awt.Color
import java.io.StringReader
import javax.xml.parsers.DocumentBuilderFactory
import org.xml.sax.InputSource

/**
 * Reads a rendered figure back as a DOM so tests can count what was drawn. Marks of the data are the
 * elements inside the clipped plot panel; axes, titles and legend sit outside it.
 */
class SvgMarks(svg: String) {
    private val root: Element = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(InputSource(StringReader(svg))).documentElement

    /** Elements named [tag] drawn inside the plot panel (clip-path definitions excluded). */
    fun panel(tag: String): List<Element> = elements(tag).filter { insidePanel(it) }

    /** Text of every `<text class="[cssClass]">`, in document order. */
    fun texts(cssClass: String): List<String> =
        elements("text").filter { it.getAttribute("class") == cssClass }.map { it.textContent.trim() }

    /** Text drawn inside the plot panel (cell values, point names). */
    fun panelTexts(): List<String> = panel("text").map { it.textContent.trim() }

    fun rootAttribute(name: String): String = root.getAttribute(name)

    /**
     * The box (left, top, right, bottom, in the panel's pixels) of each name tag in the panel, by its text: Lets-Plot
     * draws a tag as a rounded-rectangle path beside a group holding the text.
     */
    fun labelBoxes(): Map<String, DoubleArray> = panel("text").mapNotNull { text ->
        val tag = (text.parentNode as? Element)?.parentNode as? Element ?: return@mapNotNull null
        val path = (0 until tag.childNodes.length).map { tag.childNodes.item(it) }
            .firstOrNull { it is Element && it.tagName == "path" } as? Element ?: return@mapNotNull null
        val numbers = Regex("""-?\d+(?:\.\d+)?(?:[eE]-?\d+)?""").findAll(path.getAttribute("d")).map { it.value.toDouble() }.toList()
        val xs = numbers.filterIndexed { i, _ -> i % 2 == 0 }
        val ys = numbers.filterIndexed { i, _ -> i % 2 == 1 }
        text.textContent.trim() to doubleArrayOf(xs.min(), ys.min(), xs.max(), ys.max())
    }.toMap()

    /** Width and height of the plot panel: its clipping rectangle. */
    fun panelSize(): Pair<Double, Double> {
        val clip = elements("clipPath").first()
        val rect = clip.getElementsByTagName("rect").item(0) as Element
        return rect.getAttribute("width").toDouble() to rect.getAttribute("height").toDouble()
    }

    /**
     * A `<rect>`'s box in the document's pixels as (x, y, width, height): its own position moved by the
     * `translate(...)` of every enclosing group (the only transform Lets-Plot uses for placement).
     */
    fun absoluteBox(rect: Element): DoubleArray {
        var dx = 0.0
        var dy = 0.0
        var node: org.w3c.dom.Node? = rect
        while (node is Element) {
            translate.find(node.getAttribute("transform"))?.let { m ->
                dx += m.groupValues[1].toDouble()
                dy += m.groupValues[2].ifEmpty { "0" }.toDouble()
            }
            node = node.parentNode
        }
        fun number(name: String) = rect.getAttribute(name).ifEmpty { "0" }.toDouble()
        return doubleArrayOf(number("x") + dx, number("y") + dy, number("width"), number("height"))
    }

    private fun elements(tag: String): List<Element> {
        val nodes = root.getElementsByTagName(tag)
        return (0 until nodes.length).map { nodes.item(it) as Element }
    }

    private fun insidePanel(element: Element): Boolean {
        var clipped = false
        var node = element.parentNode
        while (node is Element) {
            if (node.tagName == "defs") return false
            if (node.hasAttribute("clip-path")) clipped = true
            node = node.parentNode
        }
        return clipped
    }

    companion object {
        private val rgb = Regex("""rgb\((\d+),\s*(\d+),\s*(\d+)\)""")
        private val styleFill = Regex("""fill:\s*(#[0-9a-fA-F]{6})""")
        private val translate = Regex("""translate\(\s*(-?[\d.]+)(?:[\s,]+(-?[\d.]+))?\s*\)""")

        /** Parses `#rrggbb` or `rgb(r,g,b)`, the two spellings Lets-Plot uses; null for none. */
        fun colour(value: String): Color? {
            rgb.matchEntire(value.trim())?.let { m ->
                val (r, g, b) = m.destructured
                return Color(r.toInt(), g.toInt(), b.toInt())
            }
            return if (value.startsWith("#") && value.length == 7) Color.decode(value) else null
        }

        fun fill(element: Element): Color? =
            colour(element.getAttribute("fill")) ?: styleFill.find(element.getAttribute("style"))?.let { colour(it.groupValues[1]) }

        fun stroke(element: Element): Color? = colour(element.getAttribute("stroke"))
    }
}
