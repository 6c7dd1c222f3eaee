package org.probelab.cli

import org.probelab.Progress
import java.io.PrintStream

/**
 * A one-line progress bar on the terminal, redrawn in place. It stays silent for the first couple
 * of seconds of a task, so quick steps leave no clutter, and prints plain lines when output is not
 * a terminal (CI logs).
 */
class ProgressBar(
    private val out: PrintStream = System.err,
    private val interactive: Boolean = System.console() != null,
    private val clock: () -> Long = System::nanoTime,
) : Progress {
    private var task: String? = null
    private var started = 0L
    private var lastDraw = 0L
    private var lastLoggedTenth = -1L
    private var shown = false

    override fun update(task: String, done: Long, total: Long) = update(task, done, total, "")

    /** The note (e.g. a training step's loss and rate) is printed after the bar. */
    override fun update(task: String, done: Long, total: Long, note: String) {
        val now = clock()
        if (task != this.task) {
            finishLine()
            this.task = task
            started = now
            lastDraw = 0L
            lastLoggedTenth = -1L
            shown = false
        }
        val elapsed = (now - started) / 1e9
        if (elapsed < QUIET_SECONDS && !shown) return
        shown = true
        if (interactive) {
            if (done < total && now - lastDraw < REDRAW_NANOS) return
            lastDraw = now
            out.print("\r" + render(task, done, total, elapsed, note))
            if (done >= total) finishLine()
        } else {
            val tenth = if (total > 0) done * 10 / total else 0
            if (tenth != lastLoggedTenth) {
                lastLoggedTenth = tenth
                out.println(render(task, done, total, elapsed, note))
            }
        }
        out.flush()
    }

    override fun note(line: String) {
        finishLine()
        out.println(line)
        out.flush()
    }

    /** Ends the current bar's line so the next output starts on a fresh line. */
    fun finishLine() {
        if (interactive && task != null && lastDraw != 0L) out.println()
        lastDraw = 0L
    }

    companion object {
        private const val QUIET_SECONDS = 2.0
        private const val REDRAW_NANOS = 200_000_000L
        private const val WIDTH = 30

        fun render(task: String, done: Long, total: Long, elapsedSeconds: Double, note: String = ""): String {
            val fraction = if (total > 0) (done.toDouble() / total).coerceIn(0.0, 1.0) else 0.0
            val filled = (fraction * WIDTH).toInt()
            val bar = "#".repeat(filled) + "-".repeat(WIDTH - filled)
            val eta = if (done in 1 until total) {
                " eta " + seconds(elapsedSeconds / done * (total - done))
            } else {
                ""
            }
            return "%-22s [%s] %3d%% %d/%d %s%s%s".format(
                task.take(22), bar, (fraction * 100).toInt(), done, total, seconds(elapsedSeconds), eta,
                if (note.isEmpty()) "" else "  $note")
        }

        private fun seconds(s: Double): String =
            if (s < 60) "%.0fs".format(s) else "%dm%02ds".format((s / 60).toInt(), (s % 60).toInt())
    }
}
