package org.probelab.cli

/**
 * A plain-text table for terminal output: the first [leftColumns] columns (labels) left-aligned, the
 * others (numbers) right-aligned.
 */
class Table(private val header: List<String>, private val leftColumns: Int = 1) {
    private val rows = mutableListOf<List<String>>()

    fun row(vararg cells: String) {
        require(cells.size == header.size) { "row has ${cells.size} cells, header ${header.size}" }
        rows += cells.toList()
    }

    override fun toString(): String {
        val widths = header.indices.map { c -> (rows.map { it[c] } + header[c]).maxOf { it.length } }
        fun line(cells: List<String>) = cells.indices.joinToString("  ") { c ->
            if (c < leftColumns) cells[c].padEnd(widths[c]) else cells[c].padStart(widths[c])
        }.trimEnd()
        return buildString {
            appendLine(line(header))
            appendLine(widths.joinToString("  ") { "-".repeat(it) })
            rows.forEach { appendLine(line(it)) }
        }
    }
}
