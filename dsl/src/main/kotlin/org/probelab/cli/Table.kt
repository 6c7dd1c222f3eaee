package org.probelab.cli

/** A plain-text table with right-aligned numeric columns, for terminal output. */
class Table(private val header: List<String>) {
    private val rows = mutableListOf<List<String>>()

    fun row(vararg cells: String) {
        require(cells.size == header.size) { "row has ${cells.size} cells, header ${header.size}" }
        rows += cells.toList()
    }

    override fun toString(): String {
        val widths = header.indices.map { c -> (rows.map { it[c] } + header[c]).maxOf { it.length } }
        fun line(cells: List<String>) = cells.indices.joinToString("  ") { c ->
            if (c == 0) cells[c].padEnd(widths[c]) else cells[c].padStart(widths[c])
        }.trimEnd()
        return buildString {
            appendLine(line(header))
            appendLine(widths.joinToString("  ") { "-".repeat(it) })
            rows.forEach { appendLine(line(it)) }
        }
    }
}
