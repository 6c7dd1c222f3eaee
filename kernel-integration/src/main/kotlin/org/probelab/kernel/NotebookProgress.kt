package org.probelab.kernel

import jupyter.kotlin.ScriptTemplateWithDisplayHelpers
import org.probelab.Progress
import java.util.UUID
import java.util.concurrent.TimeUnit

/** At most five redraws a second: smooth to the eye, cheap for the kernel and the saved notebook. */
private val MIN_REDRAW_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200)

/**
 * Engine progress as a table of bars in the notebook, one row per task, redrawn in place. Redraws are
 * throttled, except that a task reaching its total is always drawn, so the display ends on the final state.
 * The display appears with the first update.
 */
class NotebookProgress internal constructor(
    private val output: InPlaceOutput,
    private val throttle: Throttle,
) : Progress {
    private val tasks = LinkedHashMap<String, TaskState>()
    private var shown = false

    override fun update(task: String, done: Long, total: Long) = update(task, done, total, "")

    /** The note (e.g. a training step's loss and rate) is shown after the bar. */
    @Synchronized
    override fun update(task: String, done: Long, total: Long, note: String) {
        tasks[task] = TaskState(task, done, total, note)
        val finished = total > 0 && done >= total
        if (!throttle.tryPass(force = finished)) return
        val html = progressHtml(tasks.values)
        if (shown) {
            output.replace(html)
        } else {
            output.show(html)
            shown = true
        }
    }

    /** A line of the engine's (e.g. waiting for another process) goes to the cell's printed output. */
    override fun note(line: String) = println(line)
}

/** A progress display under the calling cell, to hand to engine work: `extract(..., notebookProgress())`. */
fun ScriptTemplateWithDisplayHelpers.notebookProgress(): NotebookProgress {
    val host = checkNotNull(userHandlesProvider.host) { "notebookProgress() works only while a cell runs" }
    val display = NotebookDisplay(
        host,
        userHandlesProvider.notebook,
        "probelab-progress-${UUID.randomUUID()}",
    )
    return NotebookProgress(display, Throttle(MIN_REDRAW_INTERVAL_NANOS))
}
