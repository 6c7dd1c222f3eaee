package org.probelab.kernel

import org.jetbrains.kotlinx.jupyter.EvalRequestData
import org.jetbrains.kotlinx.jupyter.api.libraries.ExecutionHost
import org.jetbrains.kotlinx.jupyter.exceptions.ReplEvalRuntimeException
import org.jetbrains.kotlinx.jupyter.libraries.EmptyResolutionInfoProvider
import org.jetbrains.kotlinx.jupyter.messaging.DisplayHandler
import org.jetbrains.kotlinx.jupyter.repl.EvalResultEx
import org.jetbrains.kotlinx.jupyter.repl.creating.createRepl
import java.io.File

/**
 * The kernel's REPL, embedded in the test JVM, with the integration loaded the way `%use probelab` loads it
 * once the jar is on the classpath: by scanning for META-INF/kotlin-jupyter-libraries. No Jupyter, no sockets.
 */
class NotebookRepl {
    val displays = RecordedDisplays()

    private val repl = createRepl(
        resolutionInfoProvider = EmptyResolutionInfoProvider,
        scriptClasspath = testClasspath(),
        isEmbedded = true,
        displayHandler = displays,
    )

    init {
        repl.eval { repl.librariesScanner.addLibrariesFromClassLoader(repl.currentClassLoader, this, repl.notebook) }
    }

    fun cell(code: String): EvalResultEx = repl.evalEx(EvalRequestData(code))

    /** The HTML the cell's result displays as. */
    fun cellHtml(code: String): String = htmlOf(checkNotNull(cell(code).displayValue) { "cell has no result: $code" })

    /** What the kernel shows for the exception [code] throws: a throwable renderer's output, or null. */
    fun renderedFailure(code: String): Any? {
        val failure = try {
            cell(code)
            null
        } catch (e: ReplEvalRuntimeException) {
            e.cause
        }
        return repl.throwableRenderersProcessor.renderThrowable(checkNotNull(failure) { "cell did not fail: $code" })
    }

    private fun testClasspath(): List<File> =
        // surefire starts the test JVM from a manifest-only jar; the real classpath is in this property
        (System.getProperty("surefire.test.class.path") ?: System.getProperty("java.class.path"))
            .split(File.pathSeparator).filter { it.isNotBlank() }.map(::File)
}

/** One display or update the kernel was asked to make. */
data class DisplayEvent(val kind: Kind, val id: String?, val html: String) {
    enum class Kind { DISPLAY, UPDATE }
}

/** Records what cells display, in order. */
class RecordedDisplays : DisplayHandler {
    val events = mutableListOf<DisplayEvent>()

    override fun handleDisplay(value: Any, host: ExecutionHost, id: String?) {
        events += DisplayEvent(DisplayEvent.Kind.DISPLAY, id, htmlOf(value))
    }

    override fun handleUpdate(value: Any, host: ExecutionHost, id: String?) {
        events += DisplayEvent(DisplayEvent.Kind.UPDATE, id, htmlOf(value))
    }
}

/** The text/html part of a display value (a MIME map such as the `HTML(...)` results). */
fun htmlOf(value: Any?): String {
    val html = (value as? Map<*, *>)?.get("text/html")
    return checkNotNull(html as? String) { "not an HTML display: $value" }
}
