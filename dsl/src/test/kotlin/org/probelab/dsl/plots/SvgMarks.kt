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
