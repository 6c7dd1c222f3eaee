package org.probelab.kernel

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class NotebookProgressTest {
    private val millis = 1_000_000L
    private var now = 0L
    private val output = RecordingOutput()
    private val progress = NotebookProgress(output, Throttle(200 * millis) { now })

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
        assertEquals("10 / 10", count(output.calls.last().second))
    }

    @Test
    fun `each task keeps its own row in the order first reported`() {
        progress.update("extract train", 10, 10)
        progress.update("extract dev", 3, 3)
        progress.update("extract train", 10, 10)
        val html = output.calls.last().second
        assertTrue(html.indexOf("extract train") < html.indexOf("extract dev"), html)
        assertEquals(2, Regex("<tr>").findAll(html).count(), html)
    }

    @Test
    fun `an unknown total shows the count without a percentage of progress`() {
        progress.update("read corpus", 42, 0)
        val html = output.calls.last().second
        assertTrue("<td>42</td><td>0%</td>" in html, html)
    }

    private fun count(html: String) = Regex("""\d+ / \d+""").find(html)?.value

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
