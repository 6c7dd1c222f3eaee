package org.probelab.kernel

import com.fasterxml.jackson.databind.ObjectMapper
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.io.TempDir
import org.probelab.testing.TinyWorld
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.extension
import kotlin.io.path.name

/**
 * Every notebook under `notebooks/` runs cell by cell in the embedded REPL without an error and shows what a
 * probing notebook shows: a run's layer table, figures and a progress bar.
 *
 * To stay fast and offline the cells run with these documented text substitutions, nothing else changed:
 * - `%use probelab` is skipped: [NotebookRepl] has already loaded the integration the way `%use` loads it;
 * - `bertBase()` becomes `bert("<a random 2-layer TinyWorld BERT>")`;
 * - `val sentences = <n>` becomes `val sentences = 100` (the demo treebank size);
 * - `progress = notebookProgress()` also passes a temporary `runsDir` and `cacheDir` (one per notebook, so each
 *   extracts its own vectors as it does for a user), so runs and vectors stay out of the working tree and the
 *   user's cache.
 * The real notebooks, with BERT-base, are run by `./probelab notebook` in CI.
 */
class NotebooksRunTest {
    companion object {
        @TempDir
        @JvmStatic
        lateinit var dir: Path
        lateinit var model: Path

        @BeforeAll
        @JvmStatic
        fun tinyModel() {
            model = TinyWorld.model(dir, 11)
        }

        private val notebooksDir: Path = Path.of(System.getProperty("basedir", ".")).resolve("../notebooks").normalize()
    }

    @TestFactory
    fun `every notebook runs without an error and shows a run's table, figures and progress`(): List<DynamicTest> {
        val notebooks = Files.list(notebooksDir).use { files -> files.filter { it.extension == "ipynb" }.sorted().toList() }
        assertTrue(notebooks.isNotEmpty(), "no notebooks in $notebooksDir")
        return notebooks.map { notebook -> DynamicTest.dynamicTest(notebook.name) { runAndCheck(notebook) } }
    }

    private fun runAndCheck(notebook: Path) {
        val repl = NotebookRepl()
        val shown = mutableListOf<String>()
        for ((index, source) in codeCells(notebook).withIndex()) {
            if (source.trim() == "%use probelab") continue
            val cell = substituted(source, notebook.name)
            val result = try {
                repl.cell(cell)
            } catch (e: Exception) {
                throw AssertionError("${notebook.name}, code cell ${index + 1} failed: ${e.cause ?: e}\n$cell", e)
            }
            val display = result.displayValue as? Map<*, *>
            display?.get("text/html")?.let { shown += it.toString() }
            assertFalse(display?.containsKey(EngineErrors.MIME_TYPE) == true, "${notebook.name}, code cell ${index + 1}: $display")
        }
        val all = shown.joinToString("\n")
        assertTrue("""<table class="probelab-layers">""" in all, "${notebook.name} shows no run's layer table")
        assertTrue(Regex("<svg").findAll(all).count() >= 2, "${notebook.name} shows fewer than two figures")
        val progress = repl.displays.events.map { it.html }
        assertTrue(progress.isNotEmpty(), "${notebook.name} shows no progress")
        // Extraction and each probe's seeds end complete; a training's epochs may stop early, so they are not checked.
        // A later run may reuse cached vectors, so the finished extraction is looked for in every display.
        fun rows(html: String) = Regex("""<tr><td>([^<]*)</td>.*?<td>(\d+) / (\d+)</td>""").findAll(html).map { it.groupValues }.toList()
        assertTrue(progress.any { html -> rows(html).any { it[1].startsWith("extract") && it[2] == it[3] } },
            "${notebook.name} shows no finished extraction")
        val seeds = rows(progress.last()).filter { it[1].endsWith(" seeds") }
        assertTrue(seeds.all { it[2] == it[3] }, "the last progress is not complete: ${seeds.map { it.drop(1) }}")
    }

    private fun codeCells(notebook: Path): List<String> =
        ObjectMapper().readTree(notebook.toFile()).get("cells")
            .filter { it.get("cell_type").asText() == "code" }
            .map { cell -> cell.get("source").let { if (it.isArray) it.joinToString("") { line -> line.asText() } else it.asText() } }

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
