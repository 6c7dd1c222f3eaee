package org.probelab.dsl.report

import org.probelab.dsl.plots.Figure
import java.util.Locale

/** Escapes text for HTML element content and double-quoted attribute values. */
fun escapeHtml(text: String): String = buildString(text.length) {
    for (c in text) {
        when (c) {
            '&' -> append("&amp;")
            '<' -> append("&lt;")
            '>' -> append("&gt;")
            '"' -> append("&quot;")
            '\'' -> append("&#39;")
            else -> append(c)
        }
    }
}

// Inside HTML the parser puts <svg> in the SVG namespace itself, so the namespace declarations (the only
// addresses Lets-Plot writes) can go and a page stays free of URLs.
private val namespaceDeclaration = Regex("""\s+xmlns(:\w+)?="[^"]*"""")

/** The figure as an `<svg>` element to place inside an HTML page. */
fun inlineSvg(figure: Figure): String = figure.toSvg().replace(namespaceDeclaration, "")

/** A score as shown in tables: four decimals, whatever the machine's locale. */
internal fun score(value: Double): String = String.format(Locale.ROOT, "%.4f", value)

/** How many leading hex digits of a checksum identify a model or data set to a reader. */
internal const val CHECKSUM_PREFIX = 12

/** Warnings and caveats under a result's table ([org.probelab.probe.ResultNotes]); nothing when there are none. */
fun notesList(notes: List<String>): String =
    if (notes.isEmpty()) "" else """<ul class="probelab-notes">""" + notes.joinToString("") { "<li>${escapeHtml(it)}</li>" } + "</ul>"
