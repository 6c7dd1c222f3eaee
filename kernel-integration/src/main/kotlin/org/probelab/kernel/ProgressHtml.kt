package org.probelab.kernel

import org.probelab.dsl.report.escapeHtml

/** One task as last reported to a progress display. */
internal data class TaskState(val task: String, val done: Long, val total: Long, val note: String = "") {
    /** Share done, in [0, 1]; 0 while the total is unknown. */
    val fraction: Double get() = if (total <= 0) 0.0 else (done.toDouble() / total).coerceIn(0.0, 1.0)
}

/** Tasks as rows of label, bar and count, in the order they were first reported. */
internal fun progressHtml(tasks: Collection<TaskState>): String {
    val rows = tasks.joinToString("") { state ->
        val percent = Math.round(state.fraction * 100)
        val count = if (state.total > 0) "${state.done} / ${state.total}" else "${state.done}"
        "<tr><td>${escapeHtml(state.task)}</td>" +
            """<td><div style="width:240px;height:10px;background:#e5e5e5;border-radius:3px">""" +
            """<div style="width:$percent%;height:100%;background:#3b7dd8;border-radius:3px"></div></div></td>""" +
            "<td>$count</td><td>$percent%</td><td>${escapeHtml(state.note)}</td></tr>"
    }
    return """<table class="probelab-progress">$rows</table>"""
}
