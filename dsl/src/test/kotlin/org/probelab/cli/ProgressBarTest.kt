package org.probelab.cli

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.ByteArrayOutputStream
import java.io.PrintStream

class ProgressBarTest {
    private val out = ByteArrayOutputStream()
    private var now = 0L
    private fun bar(interactive: Boolean) = ProgressBar(PrintStream(out, true), interactive) { now }

    @Test
    fun `render shows fraction, counts and an estimate of the time left`() {
        val line = ProgressBar.render("extract train", 25, 100, 10.0)
        assertTrue(line.contains("[#######-----------------------]"), line)
        assertTrue(line.contains(" 25% 25/100"), line)
        assertTrue(line.contains("eta 30s"), line)
    }

    @Test
    fun `a task that ends within the quiet time prints nothing`() {
        val bar = bar(interactive = false)
        bar.update("quick", 0, 5)
        now = 1_000_000_000L
        bar.update("quick", 5, 5)
        assertEquals("", out.toString())
    }

    @Test
    fun `a long task in a log prints at most one line per tenth`() {
        val bar = bar(interactive = false)
        bar.update("long", 0, 100)
        for (i in 1..100L) {
            now = 3_000_000_000L + i * 100_000_000L
            bar.update("long", i, 100)
        }
        val lines = out.toString().lines().filter { it.isNotBlank() }
        assertEquals(11, lines.size, out.toString())
        assertTrue(lines.last().contains("100% 100/100"))
    }

    @Test
    fun `on a terminal the bar redraws in place and ends its line`() {
        val bar = bar(interactive = true)
        bar.update("long", 0, 10)
        now = 3_000_000_000L
        bar.update("long", 5, 10)
        now = 4_000_000_000L
        bar.update("long", 10, 10)
        val text = out.toString()
        assertEquals(2, text.count { it == '\r' }, text)
        assertTrue(text.endsWith(System.lineSeparator()), text)
    }

    @Test
    fun `a training step's note follows its bar`() {
        val bar = bar(interactive = false)
        bar.update("finetune-pos train", 0, 10, "epoch 1/3, loss 2.1")
        now = 3_000_000_000L
        bar.update("finetune-pos train", 5, 10, "epoch 2/3, loss 0.412")
        val lines = out.toString().lines().filter { it.isNotBlank() }
        assertTrue(lines.last().contains("50% 5/10") && lines.last().endsWith("  epoch 2/3, loss 0.412"), lines.last())
    }
}
