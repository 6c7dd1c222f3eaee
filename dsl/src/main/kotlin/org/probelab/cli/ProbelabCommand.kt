package org.probelab.cli

import org.probelab.Versions
import picocli.CommandLine
import picocli.CommandLine.Command
import picocli.CommandLine.Model.CommandSpec
import picocli.CommandLine.Spec
import java.util.concurrent.Callable

/**
 * `probelab`: the command words. A new command is one file with a `@Command` class that returns its
 * exit code from `call()`, added to `subcommands` below; help, usage errors (exit 2) and engine
 * errors (exit 1) are handled once, in Main.kt.
 */
@Command(
    name = "probelab",
    scope = CommandLine.ScopeType.INHERIT, // -h/--help, -V/--version and the help layout hold for every command
    mixinStandardHelpOptions = true,
    versionProvider = ProbelabCommand.Version::class,
    sortOptions = false,
    abbreviateSynopsis = true,
    synopsisHeading = "%nUsage: ",
    descriptionHeading = "%n",
    optionListHeading = "%nOptions:%n",
    usageHelpWidth = 100,
    synopsisSubcommandLabel = "COMMAND",
    header = ["Probe what BERT knows, layer by layer."],
    commandListHeading = "%nCommands:%n",
    subcommands = [ProbeCommand::class, FinetuneCommand::class, PretrainCommand::class, ReportCommand::class, GeometryCommand::class, CacheCommand::class, CommandLine.HelpCommand::class],
)
class ProbelabCommand : Callable<Int> {
    @Spec
    lateinit var spec: CommandSpec

    /** Bare `probelab`: the usage, as a usage error (no command was given). */
    override fun call(): Int {
        spec.commandLine().usage(spec.commandLine().err)
        return spec.exitCodeOnInvalidInput()
    }

    class Version : CommandLine.IVersionProvider {
        override fun getVersion() = arrayOf("probelab " + Versions.probelab())
    }

    companion object {
        /**
         * Commands the launcher script `./probelab` runs itself (Jupyter, not this JVM); listed here
         * so that the usage names every command a user can type.
         */
        val LAUNCHER_COMMANDS = listOf(
            "notebook" to "Run notebooks headless: ./probelab notebook NOTEBOOK.ipynb... -> out/NAME.html",
            "lab" to "Open notebooks/ in Jupyter with the probelab Kotlin kernel",
        )

        /** The command list: picocli's subcommands, then the launcher's, in one aligned table. */
        fun commandList(help: CommandLine.Help): String {
            val rows = help.subcommands().map { (name, sub) ->
                val usage = sub.commandSpec().usageMessage()
                name to (usage.header() + usage.description()).first()
            } + LAUNCHER_COMMANDS
            val width = rows.maxOf { it.first.length }
            return rows.joinToString("") { (name, text) -> "  ${name.padEnd(width)}  $text" + System.lineSeparator() }
        }
    }
}
