package org.probelab.cli

import picocli.CommandLine
import picocli.CommandLine.IHelpSectionRenderer
import picocli.CommandLine.Model.UsageMessageSpec
import java.io.PrintWriter
import kotlin.system.exitProcess

/** Entry point of the `probelab` command. Errors end in one readable line, not a stack trace. */
fun main(argv: Array<String>) {
    exitProcess(run(argv.toList()))
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
