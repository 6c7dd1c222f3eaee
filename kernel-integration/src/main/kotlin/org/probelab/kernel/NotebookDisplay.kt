package org.probelab.kernel

import org.jetbrains.kotlinx.jupyter.api.HTML
import org.jetbrains.kotlinx.jupyter.api.KotlinKernelHost
import org.jetbrains.kotlinx.jupyter.api.Notebook
import org.jetbrains.kotlinx.jupyter.api.libraries.JupyterConnection
import org.jetbrains.kotlinx.jupyter.api.libraries.JupyterSocketType
import org.jetbrains.kotlinx.jupyter.api.libraries.RawMessage

/**
 * An [InPlaceOutput] in the running notebook, working around two bugs of kernel 0.11.0-398:
 * - only the host of a cell's receiver displays anything (the host handed to library callbacks drops
 *   displays), so this is built from the cell's own host;
 * - the kernel's own `updateDisplay` sends `update_display_data` without a parent header, which nbclient and
 *   the Jupyter front ends ignore; so the update is sent on IOPUB with the request being executed as parent.
 * Where no request can be found (the embedded REPL of tests), the kernel's `updateDisplay` is used.
 */
internal class NotebookDisplay(
    private val host: KotlinKernelHost,
    private val notebook: Notebook,
    private val displayId: String,
) : InPlaceOutput {
    override fun show(html: String) = host.display(HTML(html), displayId)

    override fun replace(html: String) {
        val connection = notebook.connection
        val request = requestInExecution(connection)
        if (request == null) {
            host.updateDisplay(HTML(html), displayId)
        } else {
            connection.send(JupyterSocketType.IOPUB, updateDisplayMessage(request, html, displayId))
        }
    }

    /**
     * The kernel keeps the request being executed on its connection class, outside the public API, so it is
     * read reflectively; null when that class has no such request.
     */
    private fun requestInExecution(connection: JupyterConnection): RawMessage? =
        try {
            connection.javaClass.getMethod("getContextMessage").invoke(connection) as? RawMessage
        } catch (notThisKernel: ReflectiveOperationException) {
            null
        }
}
