package org.probelab.cli

import java.io.ByteArrayOutputStream
import java.io.PrintStream

/** What one in-process `probelab` call returned and printed. */
internal class CliOutput(val code: Int, val out: String, val err: String) {
    /** The CLI's error line; libraries may have logged before it. */
    val message: String get() = err.lines().firstOrNull { it.startsWith("probelab: ") } ?: error("no error line in: $err")
}

/** Runs the CLI as a user would, capturing its standard output and error. */
internal fun probelab(vararg argv: String): CliOutput {
    val out = ByteArrayOutputStream()
    val err = ByteArrayOutputStream()
    val (oldOut, oldErr) = System.out to System.err
    System.setOut(PrintStream(out, true))
    System.setErr(PrintStream(err, true))
    try {
        return CliOutput(run(argv.toList()), out.toString(), err.toString())
    } finally {
        System.setOut(oldOut)
        System.setErr(oldErr)
    }
}
