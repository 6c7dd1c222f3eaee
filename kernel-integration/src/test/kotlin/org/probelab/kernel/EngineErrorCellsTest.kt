package org.probelab.kernel

import org.jetbrains.kotlinx.jupyter.api.MimeTypedResult
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path

/**
 * Each kind of error the engine raises on purpose, provoked by real engine code from a notebook cell, shows as
 * one short box naming the file and line, the tensor or the field at fault: no stack trace, no kernel frames.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineErrorCellsTest {
    private val notebook = NotebookRepl()

    @TempDir
    lateinit var dir: Path

    /** The box the kernel shows for the error [code] throws, checked to be short; returns its plain text. */
    private fun box(code: String, type: String): String {
        val rendered = notebook.renderedFailure(code)
        assertTrue(rendered is MimeTypedResult, "the kernel shows a stack trace for: $code")
        rendered as MimeTypedResult
        val text = rendered.getValue(EngineErrors.MIME_TYPE)
        val html = rendered.getValue("text/html")
        assertTrue(text.startsWith("$type: "), text)
        assertTrue(text.lines().size <= 8, "more than a short box:\n$text")
        for (frame in listOf("thrown at", "at org.", "org.jetbrains", "Line_")) {
            assertFalse(frame in html, "the box shows a stack frame ($frame): $html")
        }
        return text
    }

    @Test
    fun `a malformed CoNLL-U file names the file and line`() {
        val file = dir.resolve("bad.conllu")
        Files.writeString(file, "# sent_id = 1\n1\tcats\n\n")
        val text = box("""ConllU.read(java.nio.file.Path.of("$file"))""", "DataFormatException")
        assertTrue(text.startsWith("DataFormatException: $file:2: "), text)
    }

    @Test
    fun `a treebank neither on disk nor downloadable says which files to put where`() {
        val cache = dir.resolve("data-cache")
        val text = box(
            """UniversalDependencies.load("en_ewt", DataHome(null, java.nio.file.Path.of("$cache"), java.net.URI.create("http://127.0.0.1:9/")))""",
            "DataUnavailableException",
        )
        assertTrue("en_ewt-ud-train.conllu" in text && cache.toString() in text, text)
        // the message already says "(ConnectException)"; causes without a message of their own add nothing
        assertFalse("caused by" in text, text)
    }

    @Test
    fun `a probe that cannot be trained names the split and the subject`() {
        val text = box(
            """
            val empty = org.probelab.represent.LabelledVectors(2, java.nio.FloatBuffer.allocate(0), emptyList())
            val some = org.probelab.represent.LabelledVectors(2, java.nio.FloatBuffer.wrap(floatArrayOf(1f, 0f, 0f, 1f)), listOf("A", "B"))
            ProbeSearch.quick(ProbeKind.LINEAR, org.probelab.Progress.NONE).run("layer 3", empty, some, some)
            """.trimIndent(),
            "ProbeTrainingException",
        )
        assertTrue("the train split of layer 3 has no rows" in text, text)
    }

    @Test
    fun `unusable weights name the config file and the field`() {
        val model = Files.createDirectories(dir.resolve("model"))
        Files.writeString(model.resolve("config.json"), """{"hidden_size": 4}""")
        Files.writeString(model.resolve("vocab.txt"), "[PAD]\n[UNK]\n")
        Files.write(model.resolve("model.safetensors"), ByteArray(0))
        val text = box("""org.probelab.model.ModelStore.load("$model")""", "WeightsException")
        assertTrue(text.startsWith("WeightsException: ${model.resolve("config.json")}: missing required field \"vocab_size\""), text)
    }

    @Test
    fun `a broken vocabulary names the file and line`() {
        val vocab = dir.resolve("vocab.txt")
        Files.writeString(vocab, "[PAD]\nthe\nthe\n")
        val text = box("""Vocab.read(java.nio.file.Path.of("$vocab"))""", "VocabException")
        assertTrue(text.startsWith("VocabException: $vocab:3: duplicate token 'the'"), text)
    }

    @Test
    fun `a bad declaration names the field to change`() {
        val text = box(
            """experiment("x") { model { bertBase() }; data { demoTreebank() }; task = pos; probes { } }""",
            "DeclarationException",
        )
        assertTrue(text.startsWith("DeclarationException: probes: "), text)
    }

    @Test
    fun `a new engine error type gets the box by implementing EngineError`() {
        val text = box(
            """
            class GeometryException(message: String) : RuntimeException(message), org.probelab.EngineError
            throw GeometryException("layer 4: 3 points cannot span 5 dimensions")
            """.trimIndent(),
            "GeometryException",
        )
        assertTrue("layer 4: 3 points" in text, text)
    }

    @Test
    fun `a bug keeps the kernel's stack trace`() {
        assertNull(notebook.renderedFailure("""throw IllegalStateException("a bug, not bad input")"""))
        assertNull(notebook.renderedFailure("""val s: String? = null; s!!.length"""))
    }
}
