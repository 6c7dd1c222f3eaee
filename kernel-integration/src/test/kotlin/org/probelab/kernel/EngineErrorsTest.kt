package org.probelab.kernel

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.probelab.dsl.DeclarationException
import org.probelab.model.WeightsException
import org.probelab.probe.ProbeTrainingException
import org.probelab.text.DataFormatException
import org.probelab.text.DataUnavailableException
import org.probelab.text.VocabException
import java.io.IOException
import java.io.UncheckedIOException
import java.nio.file.Path

class EngineErrorsTest {
    @Test
    fun `errors the engine raises on purpose or for bad input are rendered, others are not`() {
        assertTrue(EngineErrors.accepts(DataFormatException(Path.of("a.conllu"), 3, "too few columns")))
        assertTrue(EngineErrors.accepts(DataUnavailableException("no network")))
        assertTrue(EngineErrors.accepts(ProbeTrainingException("no rows")))
        assertTrue(EngineErrors.accepts(DeclarationException("layers", "empty")))
        assertTrue(EngineErrors.accepts(IllegalArgumentException("bad layer")))
        assertTrue(EngineErrors.accepts(NumberFormatException("not a number")))
        assertTrue(EngineErrors.accepts(UncheckedIOException(IOException("disk full"))))
        assertTrue(EngineErrors.accepts(WeightsException("missing tensor")))
        assertTrue(EngineErrors.accepts(VocabException("duplicate token")))
        assertFalse(EngineErrors.accepts(IllegalStateException("a bug")))
        assertFalse(EngineErrors.accepts(NullPointerException()))
    }

    @Test
    fun `the plain text lists the error and its causes, outermost first`() {
        val error = IllegalArgumentException("layer 13 does not exist", IOException("inner"))
        assertEquals(
            "IllegalArgumentException: layer 13 does not exist\n  caused by IOException: inner",
            EngineErrors.plainText(error),
        )
    }

    @Test
    fun `causes that add nothing to the message are left out`() {
        val error = DataUnavailableException(
            "downloading x failed (ConnectException)",
            java.net.ConnectException().initCause(IOException("socket closed")),
        )
        assertEquals(
            "DataUnavailableException: downloading x failed (ConnectException)\n  caused by IOException: socket closed",
            EngineErrors.plainText(error),
        )
        val repeated = IllegalArgumentException("bad file a.tsv: line 3", IOException("line 3"))
        assertEquals("IllegalArgumentException: bad file a.tsv: line 3", EngineErrors.plainText(repeated))
    }

    @Test
    fun `a cycle in the cause chain ends the chain`() {
        val outer = IllegalArgumentException("outer")
        val inner = IOException("inner", outer)
        outer.initCause(inner)
        assertEquals(listOf<Throwable>(outer, inner), EngineErrors.causeChain(outer))
    }

    @Test
    fun `messages are escaped in the html`() {
        val html = EngineErrors.html(IllegalArgumentException("<script>alert(1)</script> & more"))
        assertFalse("<script>" in html, html)
        assertTrue("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html, html)
    }

    @Test
    fun `the html names where a bad argument was thrown`() {
        val error = IllegalArgumentException("bad")
        val html = EngineErrors.html(error)
        assertTrue("thrown at ${error.stackTrace.first().className}" in html, html)
    }

    @Test
    fun `an engine error's box holds only its message, which names the place`() {
        val html = EngineErrors.html(DataFormatException(Path.of("a.conllu"), 3, "too few columns"))
        assertTrue("a.conllu:3: too few columns" in html, html)
        assertFalse("thrown at" in html, html)
    }
}
