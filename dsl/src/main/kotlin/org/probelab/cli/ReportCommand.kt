package org.probelab.cli

import com.fasterxml.jackson.core.JsonProcessingException
import org.probelab.dsl.plots.Figure
import org.probelab.io.AtomicFiles
import org.probelab.dsl.report.accuracyFigure
import org.probelab.dsl.report.reportPage
import org.probelab.probe.ProbingJson
import org.probelab.probe.ProbingResult
import picocli.CommandLine.Command
import picocli.CommandLine.Parameters
import java.io.IOException
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.Callable

/** `probelab report RUN_DIR`: turns a run's results.json into report.html, accuracy.svg and accuracy.png. */
@Command(
    name = "report",
    header = ["Write a run's results as an HTML page with figures."],
    description = [
        "Reads RUN_DIR/results.json (written by 'probelab probe'; for a run of the Kotlin experiment language, " +
            "RUN_DIR/engine/results.json) and writes, next to it, report.html (a self-contained page: spec, " +
            "provenance, per-layer table, accuracy figure, confusion at the best layer per probe) and the accuracy " +
            "figure as accuracy.svg and accuracy.png.",
    ],
)
class ReportCommand : Callable<Int> {
    @Parameters(paramLabel = "RUN_DIR", description = ["a run directory, as 'probelab probe' prints it"])
    lateinit var runDir: Path

    override fun call(): Int {
        val resultsFile = engineResults(runDir)
        if (!Files.isRegularFile(resultsFile)) {
            throw IOException("$resultsFile does not exist; run 'probelab probe' first or name the run directory it printed")
        }
        val result = read(resultsFile)
        if (result.scores().isEmpty()) {
            throw IOException("$resultsFile has no layer scores; the run did not finish, run 'probelab probe' again")
        }
        val (html, figure) = render(resultsFile, result)
        val page = runDir.resolve("report.html")
        AtomicFiles.write(page, html.toByteArray())
        figure.save(runDir.resolve("accuracy.svg"))
        figure.save(runDir.resolve("accuracy.png"))
        println("report: $page")
        return 0
    }

    /** A run of the experiment language keeps the engine's results under engine/; a CLI run at the top. */
    private fun engineResults(runDir: Path): Path {
        val dslRun = runDir.resolve("engine").resolve("results.json")
        return if (Files.isRegularFile(dslRun)) dslRun else runDir.resolve("results.json")
    }

    /** The results, or an error in one line: Jackson's own message spans several, with the source repeated. */
    private fun read(file: Path): ProbingResult = try {
        ProbingJson.read(file, ProbingResult::class.java)
    } catch (e: IOException) {
        val location = (e.cause as? JsonProcessingException)?.location
        throw IOException(e.message + (location?.let { " (line ${it.lineNr}, column ${it.columnNr})" } ?: ""))
    }

    /** The page and the accuracy figure; scores the figures reject (NaN, say) are reported against the file. */
    private fun render(file: Path, result: ProbingResult): Pair<String, Figure> = try {
        reportPage(result) to accuracyFigure(result)
    } catch (e: IllegalArgumentException) {
        throw IOException("$file cannot be shown: ${e.message}", e)
    }
}
