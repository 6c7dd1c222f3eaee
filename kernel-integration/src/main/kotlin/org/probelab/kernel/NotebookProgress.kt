package org.probelab.kernel

import jupyter.kotlin.ScriptTemplateWithDisplayHelpers
import org.probelab.Progress
import java.util.UUID
import java.util.concurrent.TimeUnit

/** At most five redraws a second: smooth to the eye, cheap for the kernel and the saved notebook. */
private val MIN_REDRAW_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200)

/**
 * Engine progress as a table in the notebook, redrawn in place: per stage (the first word of a task's name:
 * "extract", "probe") one line for its finished tasks, and a bar for each task still running. Redraws are
 * throttled, except that a task reaching its total is always drawn, so the display ends on the final state:
 * one summary line per stage. The display appears with the first update.
 */
class NotebookProgress internal constructor(
    private val output: InPlaceOutput,
    private val throttle: Throttle,
    private val clock: () -> Long = System::nanoTime,
) : Progress {
    private val stages = LinkedHashMap<String, Stage>()
    private var shown = false

    private class Stage(val started: Long) {
        val tasks = LinkedHashMap<String, TaskState>()
        val taskStarted = HashMap<String, Long>()
        var last = started
    }

    override fun update(task: String, done: Long, total: Long) = update(task, done, total, "")

    /** The note (e.g. a training step's epoch, loss and rate) is shown after the task's bar. */
    @Synchronized
    override fun update(task: String, done: Long, total: Long, note: String) {
        val now = clock()
        val stage = stages.getOrPut(stageOf(task)) { Stage(now) }
        val state = TaskState(task, done, total, note, now - stage.taskStarted.getOrPut(task) { now })
        stage.tasks[task] = state
        stage.last = now
        if (!throttle.tryPass(force = state.finished)) return
        val html = progressHtml(stages.map { (name, s) -> StageState(name, s.tasks.values.toList(), s.last - s.started) })
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
