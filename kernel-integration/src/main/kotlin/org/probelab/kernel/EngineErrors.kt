package org.probelab.kernel

import org.jetbrains.kotlinx.jupyter.api.MimeTypedResult
import org.jetbrains.kotlinx.jupyter.api.ThrowableRenderer
import org.probelab.EngineError
import org.probelab.dsl.report.escapeHtml
import java.io.UncheckedIOException
import java.util.Collections
import java.util.IdentityHashMap
import kotlin.reflect.KClass

/**
 * Shows the errors the engine throws on purpose ([EngineError]: bad data, missing downloads, unusable weights or
 * vocabularies, untrainable probes, bad declarations) and bad arguments or unreadable files as a short box with
 * their message and cause chain instead of a kernel stack trace: these errors already say what is wrong, where
 * (file and line, tensor or field) and what to do, and the stack trace would bury that. Any other exception is
 * a bug and keeps the kernel's stack trace.
 *
 * The kernel treats a rendered error as a cell result, so the cell counts as succeeded. The output therefore
 * also carries [MIME_TYPE], which `tools/run-notebook.py` looks for to stop a headless run at that cell.
 */
object EngineErrors : ThrowableRenderer {
    /** Marks an output as a rendered engine error; its value is the plain-text message and cause chain. */
    const val MIME_TYPE = "text/x-probelab-error"

    /** Besides [EngineError]s: a bad argument, or a file that could not be read or written. */
    private val inputErrorTypes: List<KClass<out Throwable>> = listOf(
        IllegalArgumentException::class,
        UncheckedIOException::class,
    )

    override fun accepts(throwable: Throwable): Boolean =
        throwable is EngineError || inputErrorTypes.any { it.isInstance(throwable) }

    override fun render(throwable: Throwable): MimeTypedResult {
        val text = plainText(throwable)
        return MimeTypedResult(
            mapOf("text/html" to html(throwable), "text/plain" to text, MIME_TYPE to text),
            false,
            null,
        )
    }

    /** The error and each of its causes, outermost first, stopping at a cycle. */
    internal fun causeChain(throwable: Throwable): List<Throwable> {
        val seen = Collections.newSetFromMap(IdentityHashMap<Throwable, Boolean>())
        return generateSequence(throwable) { it.cause }.takeWhile { seen.add(it) }.toList()
    }

    /**
     * The error and the causes that add something: a cause without a message of its own, or whose message an
     * earlier one already quotes, is left out (a failed download says "(ConnectException)" once, not thrice).
     */
    internal fun shownChain(throwable: Throwable): List<Throwable> {
        val said = StringBuilder()
        return causeChain(throwable).filterIndexed { index, error ->
            val message = error.message.orEmpty()
            val adds = index == 0 || (message.isNotBlank() && message !in said)
            if (adds) said.append(message).append('\n')
            adds
        }
    }

    internal fun plainText(throwable: Throwable): String =
        shownChain(throwable).mapIndexed { index, error ->
            (if (index == 0) "" else "  caused by ") + headline(error)
        }.joinToString("\n")

    internal fun html(throwable: Throwable): String {
        val causes = shownChain(throwable).drop(1).joinToString("") { "<div>caused by ${headlineHtml(it)}</div>" }
        // An EngineError's message names the place in the user's input; for other errors the engine's line helps.
        val origin = throwable.stackTrace.firstOrNull()?.takeIf { throwable !is EngineError }
            ?.let { """<div style="color:#777;font-size:smaller">thrown at ${escapeHtml(it.toString())}</div>""" }
            .orEmpty()
        return """<div class="probelab-error" style="border-left:4px solid #c0392b;padding:4px 10px;""" +
            """background:#fdf3f2">""" +
            "<div>${headlineHtml(throwable)}</div>$causes$origin</div>"
    }

    private fun headline(error: Throwable): String =
        error.javaClass.simpleName + (error.message?.let { ": $it" } ?: "")

    private fun headlineHtml(error: Throwable): String =
        "<b>${escapeHtml(error.javaClass.simpleName)}</b>" +
            (error.message?.let { ": <span style=\"white-space:pre-wrap\">${escapeHtml(it)}</span>" } ?: "")
}
