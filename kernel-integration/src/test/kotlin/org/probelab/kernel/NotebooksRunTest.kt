package org.probelab.kernel

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.node.ArrayNode
import com.fasterxml.jackson.databind.node.ObjectNode
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.MethodOrderer
import org.junit.jupiter.api.Order
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.TestMethodOrder
import org.junit.jupiter.api.io.TempDir
import org.probelab.testing.TinyWorld
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kotlin.io.path.extension
import kotlin.io.path.name
import kotlin.io.path.nameWithoutExtension

/**
 * Every notebook under `notebooks/` runs cell by cell in the embedded REPL, and every code cell shows what the
 * notebook declares beside it in `NAME.expect.json` (format: docs/notebooks.md), checked by
 * `tools/check-notebook.py` — the checker `.ci/run` also applies to the real quickstart's output.
 *
 * To stay fast and offline the cells run with these documented text substitutions, nothing else changed:
 * - `%use probelab` is skipped: [NotebookRepl] has already loaded the integration the way `%use` loads it;
 * - `bertBase()` becomes `bert("<a random 2-layer TinyWorld BERT>")`, and the declaration's `layers` (hidden
 *   states of the model) is bound to its 3;
 * - `val sentences = <n>` becomes `val sentences = 100` (the demo treebank size);
 * - `progress = notebookProgress()` also passes a temporary `runsDir` and `cacheDir`, so runs and vectors
 *   stay out of the working tree and the user's cache.
 * With a random model the numbers mean nothing, so the declaration's claims (e.g. "the control task stays at
 * chance") must be checkable on the outputs but need not hold; the real run in CI checks that they hold.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation::class)
class NotebooksRunTest {
    companion object {
        @TempDir
        @JvmStatic
        lateinit var dir: Path
        lateinit var model: Path

        /** Hidden states of [model]: the embeddings and TinyWorld's two layers. */
        private const val TINY_MODEL_LAYERS = 3

        @BeforeAll
        @JvmStatic
        fun tinyModel() {
            // BERT's window of 512 positions: the notebooks' real data fits it as it fits BERT-base (EWT has
            // URL-like words of 70 subwords, more than a 64-position window holds).
            model = TinyWorld.model(dir, 11, 32, 2, 512)
        }

        private val root: Path = Path.of(System.getProperty("basedir", ".")).resolve("..").normalize()
        private val notebooksDir: Path = root.resolve("notebooks")
        private val checker: Path = root.resolve("tools/check-notebook.py")
        private val json = ObjectMapper()
    }

    @TestFactory
    @Order(1)
    fun `every notebook runs and every code cell shows what the notebook declares`(): List<DynamicTest> {
        val notebooks = Files.list(notebooksDir).use { files -> files.filter { it.extension == "ipynb" }.sorted().toList() }
        assertTrue(notebooks.isNotEmpty(), "no notebooks in $notebooksDir")
        return notebooks.map { notebook ->
            DynamicTest.dynamicTest(notebook.name) {
                val expect = expectationsOf(notebook)
                assertTrue(Files.isRegularFile(expect), "${notebook.name} declares nothing: write $expect (docs/notebooks.md)")
                val executed = execute(notebook, gutted = false)
                val check = check(executed, expect, freshCache = true)
                assertEquals(0, check.exitCode, check.output)
            }
        }
    }

    @Test
    @Order(2)
    fun `the quickstart with every cell gutted fails the check at each cell that declares something to show`() {
        val notebook = notebooksDir.resolve("01-quickstart.ipynb")
        val expect = expectationsOf(notebook)
        // Runs after the full run and shares its runs and cache: the experiments' steps and vectors are reused.
        val check = check(execute(notebook, gutted = true), expect, freshCache = false)
        assertEquals(1, check.exitCode, check.output)
        val declaring = json.readTree(expect.toFile()).get("cells").mapIndexedNotNull { index, cell ->
            if (cell.get("shows").isEmpty) null else index + 1
        }
        assertTrue(declaring.size >= 6, "the quickstart declares what only ${declaring.size} cells show")
        val failing = Regex("""code cell (\d+) """).findAll(check.output).map { it.groupValues[1].toInt() }.toSet()
        assertEquals(declaring.toSet(), failing, check.output)
    }

    private fun expectationsOf(notebook: Path): Path = notebook.resolveSibling(notebook.nameWithoutExtension + ".expect.json")

    /**
     * Runs [notebook]'s code cells in a fresh REPL and returns the path of the notebook with their outputs, in
     * the form Jupyter saves (stdout streams, results, displays in their final state). [gutted]: each cell is
     * reduced to its declarations first ([gut]), the way a cell replaced by `Unit` shows nothing.
     */
    private fun execute(notebook: Path, gutted: Boolean): Path {
        val repl = NotebookRepl()
        val document = json.readTree(notebook.toFile()) as ObjectNode
        val codeCells = document.get("cells").filter { it.get("cell_type").asText() == "code" }.map { it as ObjectNode }
        for ((index, cell) in codeCells.withIndex()) {
            val source = sourceOf(cell)
            val outputs = cell.putArray("outputs")
            if (source.trim() == "%use probelab") continue
            val code = substituted(if (gutted) gut(source) else source, notebook.name)
            val eventsBefore = repl.displays.events.size
            val printed = ByteArrayOutputStream()
            val stdout = System.out
            val result = try {
                System.setOut(PrintStream(printed, true, Charsets.UTF_8))
                repl.cell(code)
            } catch (e: Exception) {
                throw AssertionError("${notebook.name}, code cell ${index + 1} failed: ${e.cause ?: e}\n$code", e)
            } finally {
                System.setOut(stdout)
            }
            if (printed.size() > 0) {
                outputs.addObject().put("output_type", "stream").put("name", "stdout").put("text", printed.toString(Charsets.UTF_8))
            }
            // Displays (progress) in their final state, as Jupyter keeps them after update_display_data.
            repl.displays.events.drop(eventsBefore).groupBy { it.id }.values.forEach { events ->
                outputs.addObject().put("output_type", "display_data").putObject("data").put("text/html", events.last().html)
            }
            (result.displayValue as? Map<*, *>)?.let { mimes ->
                val data = outputs.addObject().put("output_type", "execute_result").putObject("data")
                mimes.forEach { (mime, value) -> data.put(mime.toString(), value.toString()) }
            }
        }
        val executed = dir.resolve((if (gutted) "gutted-" else "") + notebook.name)
        json.writeValue(executed.toFile(), document)
        return executed
    }

    /**
     * The cell without what it shows: its top-level statements that print are dropped, and its last statement, the
     * value the cell displays, is replaced by `Unit` unless it is a declaration. What the cell computes for later
     * cells (declarations, files it writes) stays.
     */
    private fun gut(source: String): String {
        val statements = mutableListOf<MutableList<String>>()
        for (line in source.lines()) {
            val continues = line.isBlank() || line.first().isWhitespace() || line.first() in "})]." ||
                statements.lastOrNull()?.last()?.trimEnd()?.endsWith("=") == true
            if (continues && statements.isNotEmpty()) statements.last() += line else statements += mutableListOf(line)
        }
        val declaration = Regex("""^((val|var|fun|class|data class)\s|/\*\*|//)""")
        val kept = statements.filterNot { statement -> statement.any { "println(" in it || "print(" in it } }.toMutableList()
        if (kept.isNotEmpty() && !declaration.containsMatchIn(kept.last().first())) kept.removeAt(kept.size - 1)
        return (kept.flatten() + "Unit").joinToString("\n")
    }

    private class CheckResult(val exitCode: Int, val output: String)

    private fun check(executed: Path, expect: Path, freshCache: Boolean): CheckResult {
        val command = mutableListOf(
            "python3", checker.toString(), "--structure-only", "--bind", "layers=$TINY_MODEL_LAYERS",
            executed.toString(), expect.toString(),
        )
        if (freshCache) command.add(2, "--fresh-cache")
        val process = ProcessBuilder(command).redirectErrorStream(true).start()
        val output = process.inputStream.readAllBytes().toString(Charsets.UTF_8)
        check(process.waitFor(60, TimeUnit.SECONDS)) { "$checker did not finish in 60 s" }
        return CheckResult(process.exitValue(), output)
    }

    private fun sourceOf(cell: JsonNode): String =
        cell.get("source").let { if (it is ArrayNode) it.joinToString("") { line -> line.asText() } else it.asText() }

    private fun substituted(source: String, notebook: String): String {
        val runs = dir.resolve("runs-$notebook")
        val cache = dir.resolve("cache-$notebook")
        val cell = source
            .replace("bertBase()", "bert(\"$model\")")
            .replace(Regex("""val sentences = \d+"""), "val sentences = 100")
            .replace("progress = notebookProgress()", "runsDir = java.nio.file.Path.of(\"$runs\"), cacheDir = java.nio.file.Path.of(\"$cache\"), progress = notebookProgress()")
        check(".run(" !in cell || "cacheDir = " in cell) { "a run in $notebook does not pass progress = notebookProgress(); the test cannot redirect its cache:\n$source" }
        return cell
    }
}
