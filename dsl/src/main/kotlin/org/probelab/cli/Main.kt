package org.probelab.cli

import kotlin.system.exitProcess

private const val USAGE = """usage: probelab <command> [options]

commands:
  probe    probe every layer of a model on a labelled data set (see: probelab probe --help)
  report   write a run's results as an HTML page with figures (see: probelab report --help)
  help     show this text
"""

/** Entry point of the `probelab` command. Errors end in one readable line, not a stack trace. */
fun main(argv: Array<String>) {
    exitProcess(run(argv.toList()))
}

fun run(argv: List<String>): Int {
    val command = argv.firstOrNull() ?: return usage(USAGE, 2)
    val rest = argv.drop(1)
    return try {
        when (command) {
            "probe" -> if ("--help" in rest) usage(ProbeCommand.USAGE, 0) else ProbeCommand(Args(rest)).run()
            "report" -> if ("--help" in rest) usage(ReportCommand.USAGE, 0) else ReportCommand(rest).run()
            "help", "--help", "-h" -> usage(USAGE, 0)
            else -> throw UsageException("unknown command '$command'")
        }
    } catch (e: UsageException) {
        System.err.println("probelab: ${e.message}")
        System.err.println("run 'probelab help' for usage")
        2
    } catch (e: Exception) {
        System.err.println("probelab: " + describe(e))
        if (System.getenv("PROBELAB_DEBUG") != null) e.printStackTrace() else System.err.println("(set PROBELAB_DEBUG=1 for the stack trace)")
        1
    }
}

private fun usage(text: String, code: Int): Int {
    (if (code == 0) System.out else System.err).print(text)
    return code
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
