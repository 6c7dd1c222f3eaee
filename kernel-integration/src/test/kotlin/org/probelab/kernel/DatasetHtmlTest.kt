package org.probelab.kernel

import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.probelab.data.Dataset
import org.probelab.data.Sentence
import org.probelab.data.Word

class DatasetHtmlTest {
    @Test
    fun `a name with markup is shown as text`() {
        val sentence = Sentence("1", "f:1", listOf(Word.plain("hi")), null)
        val html = datasetHtml(Dataset("<i>x</i>", listOf(sentence), listOf(), listOf(), "ff"))
        assertFalse("<i>" in html, html)
        assertTrue("&lt;i&gt;x&lt;/i&gt;" in html, html)
    }
}
