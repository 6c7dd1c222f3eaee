package org.probelab.cli

import org.probelab.Interruption
import org.probelab.RunInterruptedException
import picocli.CommandLine
import picocli.CommandLine.IHelpSectionRenderer
import picocli.CommandLine.Model.UsageMessageSpec
import java.io.PrintWriter
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.system.exitProcess

/** Exit code of a run stopped by Ctrl-C, as shells report a process ended by SIGINT (128 + 2). */
const val EXIT_INTERRUPTED = 130

/** How long Ctrl-C waits for the work to reach a checkpoint and close its sessions before the JVM exits anyway. */
private const val STOP_GRACE_SECONDS = 120L

/** Entry point of the `probelab` command. Errors end in one readable line, not a stack trace. */
fun main(argv: Array<String>) {
    val finished = CountDownLatch(1)
    Runtime.getRuntime().addShutdownHook(Thread({ stopWork(finished) }, "probelab-stop"))
    val code = try {
        run(argv.toList())
    } finally {
        finished.countDown()
    }
    exitProcess(code)
}

/**
 * Ctrl-C (SIGINT) or SIGTERM: the JVM runs this hook and exits when it returns. Exiting under a running
 * TensorFlow session crashes the JVM, so the hook asks the work to stop after its current step and
 * waits until it has unwound, closing its sessions, and said what was kept.
 */
private fun stopWork(finished: CountDownLatch) {
    if (finished.count == 0L) return // a normal exit: nothing is running
    Interruption.request()
    if (!finished.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        System.err.println("probelab: the work did not stop within $STOP_GRACE_SECONDS s; exiting without waiting")
    }
}

/**
 * Runs one command line and returns its exit code: 0 done, 1 the engine failed (one line, the
 * message and its causes), 2 the command line is wrong (one line and where to find the usage).
 */
fun run(argv: List<String>): Int {
    val out = PrintWriter(System.out, true)
    val err = PrintWriter(System.err, true)
    val commandLine = commandLine().setOut(out).setErr(err)
    try {
        return commandLine.execute(*argv.toTypedArray())
    } finally {
        out.flush()
        err.flush()
    }
}

/** The parser for the whole command, with the error handling every subcommand shares. */
internal fun commandLine(): CommandLine {
    val commandLine = CommandLine(ProbelabCommand())
        .setParameterExceptionHandler(::usageError)
        .setExecutionExceptionHandler { e, commandLine, _ -> engineError(e, commandLine.err) }
    commandLine.helpSectionMap[UsageMessageSpec.SECTION_KEY_COMMAND_LIST] = IHelpSectionRenderer(ProbelabCommand::commandList)
    return commandLine
}

@Suppress("UNUSED_PARAMETER") // picocli hands over the arguments too; the exception names what matters
private fun usageError(e: CommandLine.ParameterException, argv: Array<String>): Int {
    val err = e.commandLine.err
    err.println("probelab: " + usageMessage(e))
    err.println("see '${e.commandLine.commandSpec.qualifiedName()} --help'")
    return e.commandLine.commandSpec.exitCodeOnInvalidInput()
}

/** picocli's message in the CLI's voice, with its "did you mean" folded into the same line. */
private fun usageMessage(e: CommandLine.ParameterException): String {
    val unmatched = e as? CommandLine.UnmatchedArgumentException
    val first = unmatched?.unmatched?.firstOrNull()
    val message = when {
        first != null && e.commandLine.commandSpec.parent() == null && !first.startsWith("-") ->
            "unknown command '$first'"
        else -> e.message.orEmpty().replaceFirstChar { it.lowercase() }
    }
    val suggestions = unmatched?.suggestions.orEmpty()
    return if (suggestions.isEmpty()) message else message + " (did you mean ${suggestions.joinToString(" or ")}?)"
}

private fun engineError(e: Exception, err: PrintWriter): Int {
    if (e is RunInterruptedException) {
        err.println("probelab: " + e.message)
        return EXIT_INTERRUPTED
    }
    err.println("probelab: " + describe(e))
    if (System.getenv("PROBELAB_DEBUG") != null) e.printStackTrace(err) else err.println("(set PROBELAB_DEBUG=1 for the stack trace)")
    return 1
}

/** The message and its causes, each once, e.g. "cannot read x: y: z". */
internal fun describe(e: Throwable): String {
    val parts = mutableListOf<String>()
    var current: Throwable? = e
    while (current != null) {
        val message = current.message ?: current.javaClass.simpleName
        if (parts.none { it.contains(message) }) parts += message
        current = current.cause
    }
    return parts.joinToString(": ")
}
