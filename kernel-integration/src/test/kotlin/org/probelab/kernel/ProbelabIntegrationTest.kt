package org.probelab.kernel

import org.jetbrains.kotlinx.jupyter.api.MimeTypedResult
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.probelab.data.Split
import java.util.concurrent.TimeUnit

/** Cells run in the kernel's embedded REPL after the integration is loaded, as in a notebook. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbelabIntegrationTest {
    private val notebook = NotebookRepl()

    @Test
    fun `engine packages are imported so cells use their types unqualified`() {
        assertEquals(Split.TRAIN, notebook.cell("Split.TRAIN").rawValue)
        assertEquals("x", notebook.cell("""WeightsException("x").message""").rawValue)
        assertEquals(0L, notebook.cell("Progress.NONE.update(\"t\", 0, 1); 0L").rawValue)
    }

    @Test
    fun `a dataset displays as a table of sentences and words per split`() {
        val html = notebook.cellHtml(
            """
            val words = listOf(Word.plain("a"), Word.plain("small"), Word.plain("cat"))
            val s = Sentence("s1", "t:1", words, null)
            Dataset("tiny", listOf(s, s), listOf(s), listOf(), "abcdef0123456789abcdef")
            """.trimIndent(),
        )
        assertTrue("<td>train</td><td>2</td><td>6</td>" in html, html)
        assertTrue("<td>dev</td><td>1</td><td>3</td>" in html, html)
        assertTrue("<td>test</td><td>0</td><td>0</td>" in html, html)
        assertTrue("<b>tiny</b>" in html, html)
        assertTrue(">abcdef012345</code>" in html, html)
    }

    @Test
    fun `an engine error shows its message and causes instead of a stack trace`() {
        val rendered = notebook.renderedFailure(
            """throw WeightsException("tensor bert/pooler is missing", java.io.IOException("file truncated"))""",
        ) as MimeTypedResult
        val html = rendered.getValue("text/html")
        assertTrue("<b>WeightsException</b>" in html && "tensor bert/pooler is missing" in html, html)
        assertTrue("caused by <b>IOException</b>" in html && "file truncated" in html, html)
        assertFalse("org.jetbrains" in html, html)
        assertEquals(
            "WeightsException: tensor bert/pooler is missing\n  caused by IOException: file truncated",
            rendered.getValue(EngineErrors.MIME_TYPE),
        )
    }

    @Test
    fun `an error the engine does not raise for bad input keeps the kernel's report`() {
        assertNull(notebook.renderedFailure("""error("a bug, not bad input")"""))
    }

    @Test
    fun `progress is displayed once and then updated in place up to the final state, collapsed`() {
        notebook.displays.events.clear()
        val elapsedNanos = notebook.cell(
            """
            val started = System.nanoTime()
            val progress = notebookProgress()
            for (done in 1L..2000L) progress.update("extract train", done, 2000)
            System.nanoTime() - started
            """.trimIndent(),
        ).rawValue as Long
        val events = notebook.displays.events
        val id = events.first().id
        assertEquals(DisplayEvent.Kind.DISPLAY, events.first().kind)
        assertTrue("1 / 2000" in events.first().html, events.first().html)
        assertTrue(events.drop(1).all { it.kind == DisplayEvent.Kind.UPDATE && it.id == id }, events.toString())
        // the final state: the finished task collapsed into its stage's line
        assertTrue("""<tr class="probelab-stage"><td>extract</td><td>&#10003; train</td>""" in events.last().html, events.last().html)
        val allowedRedraws = 2 + TimeUnit.NANOSECONDS.toMillis(elapsedNanos) / 200
        assertTrue(events.size <= allowedRedraws, "${events.size} redraws in ${elapsedNanos / 1e6} ms")
    }
}
