package org.probelab.dsl.plots

/** A self-contained HTML page around an inline SVG figure: no scripts, no external resources. */
internal object HtmlPage {
    // Inside HTML the parser puts <svg> in the SVG namespace itself, so the namespace declarations
    // (the only URLs Lets-Plot writes) can go and the page holds no address at all.
    private val namespaceDeclaration = Regex("""\s+xmlns(:\w+)?="[^"]*"""")

    fun of(title: String, svg: String): String = buildString {
        appendLine("<!DOCTYPE html>")
        appendLine("<html lang=\"en\">")
        appendLine("<head>")
        appendLine("<meta charset=\"utf-8\">")
        appendLine("<title>${escape(title)}</title>")
        appendLine("<style>body { margin: 24px; background: #fff; }</style>")
        appendLine("</head>")
        appendLine("<body>")
        appendLine(svg.replace(namespaceDeclaration, ""))
        appendLine("</body>")
        appendLine("</html>")
    }

    private fun escape(text: String): String =
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
}
