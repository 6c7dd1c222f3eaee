package org.probelab.cli

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import picocli.CommandLine
import java.nio.file.Files
import java.nio.file.Path

/**
 * Every `probelab ...` command and every `--option` that README.md and docs/ name in code exists: each
 * command line is parsed as the CLI parses it (the launcher's notebook and lab are checked by name).
 */
class DocumentedCommandsTest {
    private val root: Path = Path.of("").toAbsolutePath().parent
    private val docs: List<Path> = listOf(root.resolve("README.md")) +
        Files.list(root.resolve("docs")).use { files -> files.filter { it.toString().endsWith(".md") }.sorted().toList() }

    /** Inline code spans and the lines of fenced blocks, with the file and line they are on. */
    private fun codeIn(file: Path): List<Pair<String, String>> {
        val code = mutableListOf<Pair<String, String>>()
        var fenced = false
        Files.readAllLines(file).forEachIndexed { i, line ->
            val where = "${root.relativize(file)}:${i + 1}"
            if (line.trimStart().startsWith("```")) {
                fenced = !fenced
            } else if (fenced) {
                code += line.substringBefore(" #") to where
            } else {
                Regex("`([^`]+)`").findAll(line).forEach { code += it.groupValues[1] to where }
            }
        }
        return code
    }

    /** `./probelab probe --data demo ...` in a piece of code, as the words after `probelab`; null if none. */
    private fun documentedCommand(code: String): List<String>? {
        val match = Regex("""(?:^|[\s'"])(?:\./)?probelab((?:\s+[^\s'"]+)*)""").find(code) ?: return null
        return match.groupValues[1].split(Regex("\\s+")).filter { it.isNotEmpty() && it != "…" && it != "..." }
    }

    private val commands: Map<String, CommandLine> = commandLine().subcommands
    private val launcherCommands = ProbelabCommand.LAUNCHER_COMMANDS.map { it.first }.toSet()
    private val options: Set<String> = (commands.values + commandLine()).flatMap { it.commandSpec.options() }
        .flatMap { it.names().toList() }.toSet()

    @Test
    fun `every documented command parses`() {
        var checked = 0
        for (file in docs) for ((code, where) in codeIn(file)) {
            val words = documentedCommand(code) ?: continue
            val command = words.firstOrNull()
            // a placeholder such as `probelab NAME` in the guide to adding a command
            if (command != null && (command.matches(Regex("[A-Z_]+")) || command.startsWith("<"))) continue
            if (command in launcherCommands) {
                checked++
                continue
            }
            try {
                commandLine().parseArgs(*words.toTypedArray())
            } catch (e: CommandLine.MissingParameterException) {
                // named without its arguments in prose, e.g. `probelab report`: the command exists
            } catch (e: CommandLine.ParameterException) {
                throw AssertionError("$where: '$code' does not parse: ${e.message}", e)
            }
            checked++
        }
        assertTrue(checked >= 10, "only $checked documented commands found; is the scan broken?")
    }

    @Test
    fun `every documented option exists`() {
        val unknown = docs.flatMap { file ->
            codeIn(file).filter { (code, _) -> code.matches(Regex("--[a-z].*")) }
                .map { (code, where) -> code.substringBefore(' ').substringBefore('=') to where }
                .filter { (option, _) -> option !in options }
        }
        assertEquals(emptyList<Pair<String, String>>(), unknown)
    }

    @Test
    fun `the check sees a command or an option that does not exist`() {
        val bogus = "./probelab probe --layres 3"
        val words = documentedCommand(bogus)!!
        assertEquals(listOf("probe", "--layres", "3"), words)
        var failed = false
        try {
            commandLine().parseArgs(*words.toTypedArray())
        } catch (e: CommandLine.UnmatchedArgumentException) {
            failed = true
        }
        assertTrue(failed, "an unknown option parsed")
        assertTrue("--layres" !in options && "--layers" in options)
    }
}
