package org.probelab.kernel

import org.probelab.dsl.report.escapeHtml

/**
 * One task as last reported to a progress display, with the time since its first report ([elapsedNanos]) and
 * the reporter's note, e.g. a training step's epoch, loss and rate.
 */
internal data class TaskState(
    val task: String,
    val done: Long,
    val total: Long,
    val note: String = "",
    val elapsedNanos: Long = 0,
) {
    /** Share done, in [0, 1]; 0 while the total is unknown. */
    val fraction: Double get() = if (total <= 0) 0.0 else (done.toDouble() / total).coerceIn(0.0, 1.0)

    val finished: Boolean get() = total > 0 && done >= total

    /** "12 s left" at the rate so far; empty before the first unit is done or once finished. */
    val timeLeft: String get() =
        if (done in 1 until total) duration(elapsedNanos / done * (total - done)) + " left" else ""

    val stage: String get() = stageOf(task)
}

/** The stage a task belongs to: the first word of its name ("extract train" -> "extract"). */
internal fun stageOf(task: String): String = task.substringBefore(' ')

/** A stage's tasks in the order first reported, and how long the stage has run so far. */
internal data class StageState(val name: String, val tasks: List<TaskState>, val elapsedNanos: Long)

/**
 * One line per stage for its finished tasks (their names, or their number when there are many, and the
 * time taken), followed by a bar for each of its tasks still running. Finished work therefore collapses
 * into one summary line per stage, and a finished display holds nothing else.
 */
internal fun progressHtml(stages: Collection<StageState>): String {
    val rows = stages.joinToString("") { stage ->
        val finished = stage.tasks.filter { it.finished }
        val summary = if (finished.isEmpty()) "" else
            """<tr class="probelab-stage"><td>${escapeHtml(stage.name)}</td>""" +
                "<td>&#10003; ${escapeHtml(finishedWork(stage.name, finished))}</td>" +
                "<td>${duration(stage.elapsedNanos)}</td><td>done</td></tr>"
        summary + stage.tasks.filterNot { it.finished }.joinToString("") { taskRow(it) }
    }
    return """<table class="probelab-progress">$rows</table>"""
}

/** At most this many finished tasks are named; beyond that they are counted. */
private const val NAMED_TASKS = 4

private fun finishedWork(stage: String, tasks: List<TaskState>): String =
    if (tasks.size <= NAMED_TASKS) tasks.joinToString(", ") { it.task.removePrefix(stage).trim().ifEmpty { it.task } }
    else "${tasks.size} steps"

private fun taskRow(state: TaskState): String {
    val percent = Math.round(state.fraction * 100)
    val count = if (state.total > 0) "${state.done} / ${state.total}" else "${state.done}"
    return """<tr class="probelab-task"><td>${escapeHtml(state.task)}</td>""" +
        """<td><div style="width:240px;height:10px;background:#e5e5e5;border-radius:3px">""" +
        """<div style="width:$percent%;height:100%;background:#3b7dd8;border-radius:3px"></div></div></td>""" +
        "<td>$count</td><td>$percent%</td><td>${state.timeLeft}</td><td>${escapeHtml(state.note)}</td></tr>"
}

/** "41 s", "1 min 12 s". */
internal fun duration(nanos: Long): String {
    val seconds = Math.round(nanos / 1e9)
    return if (seconds < 60) "$seconds s" else "${seconds / 60} min ${seconds % 60} s"
}
