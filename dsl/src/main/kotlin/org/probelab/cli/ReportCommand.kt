package org.probelab.cli

import org.probelab.dsl.plots.Figure
import org.probelab.io.AtomicFiles
import org.probelab.dsl.report.accuracyFigure
import org.probelab.dsl.report.reportPage
import org.probelab.probe.ProbingResult
import picocli.CommandLine.Command
import picocli.CommandLine.Parameters
import java.io.IOException
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
        val (resultsFile, result) = RunResults.read(runDir)
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

    /** The page and the accuracy figure; scores the figures reject (NaN, say) are reported against the file. */
    private fun render(file: Path, result: ProbingResult): Pair<String, Figure> = try {
        reportPage(result) to accuracyFigure(result)
    } catch (e: IllegalArgumentException) {
        throw IOException("$file cannot be shown: ${e.message}", e)
    }
}
