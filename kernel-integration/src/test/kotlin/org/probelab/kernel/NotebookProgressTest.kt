package org.probelab.kernel

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class NotebookProgressTest {
    private val millis = 1_000_000L
    private var now = 0L
    private val output = RecordingOutput()
    private val progress = NotebookProgress(output, Throttle(200 * millis) { now }) { now }

    @Test
    fun `nothing is shown before the first update`() {
        assertTrue(output.calls.isEmpty())
    }

    @Test
    fun `the first update shows the display and later ones replace it`() {
        progress.update("extract train", 1, 10)
        now += 250 * millis
        progress.update("extract train", 2, 10)
        assertEquals(listOf("show", "replace"), output.calls.map { it.first })
        assertTrue("2 / 10" in output.calls.last().second)
    }

    @Test
    fun `updates within 200 ms of the last redraw are dropped`() {
        progress.update("extract train", 1, 10)
        now += 100 * millis
        progress.update("extract train", 2, 10)
        now += 99 * millis
        progress.update("extract train", 3, 10)
        now += 1 * millis
        progress.update("extract train", 4, 10)
        assertEquals(listOf("1 / 10", "4 / 10"), output.calls.map { count(it.second) })
    }

    @Test
    fun `a task reaching its total is drawn even inside the throttle interval`() {
        progress.update("extract train", 9, 10)
        now += 1 * millis
        progress.update("extract train", 10, 10)
        assertEquals(listOf("extract" to "✓ train"), stageLines(output.calls.last().second))
    }

    @Test
    fun `finished tasks of a stage collapse into one line naming them, with the stage's time`() {
        progress.update("extract train", 10, 10)
        now += 30_000 * millis
        progress.update("extract dev", 3, 3)
        progress.update("probe layer 0 mlp seeds", 0, 3)
        now += 12_000 * millis
        progress.update("probe layer 0 mlp seeds", 3, 3)
        val html = output.calls.last().second
        assertEquals(listOf("extract" to "✓ train, dev", "probe" to "✓ layer 0 mlp seeds"), stageLines(html))
        assertTrue("<td>30 s</td>" in html && "<td>12 s</td>" in html, html)
        assertEquals(0, Regex("probelab-task").findAll(html).count(), html)
    }

    @Test
    fun `a training step shows its note and the time left at the rate so far`() {
        progress.update("finetune-pos train", 0, 100, "")
        now += 10_000 * millis
        progress.update("finetune-pos train", 25, 100, "epoch 1/3, loss 0.4120, lr 1.90e-05")
        val html = output.calls.last().second
        assertTrue("<td>30 s left</td><td>epoch 1/3, loss 0.4120, lr 1.90e-05</td>" in html, html)
    }

    @Test
    fun `a running task keeps its bar under its stage's line until it finishes`() {
        progress.update("probe layer 0 mlp seeds", 3, 3)
        now += 250 * millis
        progress.update("probe layer 1 mlp seeds", 1, 3)
        val html = output.calls.last().second
        assertEquals(listOf("probe" to "✓ layer 0 mlp seeds"), stageLines(html))
        assertTrue(html.indexOf("probelab-stage") < html.indexOf("""<tr class="probelab-task"><td>probe layer 1 mlp seeds</td>"""), html)
        assertEquals("1 / 3", count(html))
    }

    @Test
    fun `many finished tasks are counted, not named, and the time reads in minutes`() {
        for (layer in 0..12) {
            now += 10_000 * millis
            progress.update("probe layer $layer mlp seeds", 3, 3)
        }
        val html = output.calls.last().second
        assertEquals(listOf("probe" to "✓ 13 steps"), stageLines(html))
        assertTrue("<td>2 min 0 s</td>" in html, html)
    }

    @Test
    fun `an unknown total shows the count without a percentage of progress`() {
        progress.update("read corpus", 42, 0)
        val html = output.calls.last().second
        assertTrue("<td>42</td><td>0%</td>" in html, html)
    }

    private fun count(html: String) = Regex("""\d+ / \d+""").find(html)?.value

    /** Each stage line as (stage, what it says is finished). */
    private fun stageLines(html: String) =
        Regex("""<tr class="probelab-stage"><td>([^<]*)</td><td>&#10003; ([^<]*)</td>""").findAll(html)
            .map { it.groupValues[1] to "✓ " + it.groupValues[2] }.toList()

    private class RecordingOutput : InPlaceOutput {
        val calls = mutableListOf<Pair<String, String>>()
        override fun show(html: String) {
            calls += "show" to html
        }
        override fun replace(html: String) {
            calls += "replace" to html
        }
    }
}
