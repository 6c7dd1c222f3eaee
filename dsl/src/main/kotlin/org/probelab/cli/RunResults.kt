package org.probelab.cli

import com.fasterxml.jackson.core.JsonProcessingException
import org.probelab.probe.ProbingJson
import org.probelab.probe.ProbingResult
import java.io.IOException
import java.nio.file.Files
import java.nio.file.Path

/** A finished run's results as the commands that read a run directory find them. */
internal object RunResults {
    /** A run of the experiment language keeps the engine's results under engine/; a CLI run at the top. */
    fun file(runDir: Path): Path {
        val dslRun = runDir.resolve("engine").resolve("results.json")
        return if (Files.isRegularFile(dslRun)) dslRun else runDir.resolve("results.json")
    }

    /** The results of [runDir], or an error in one line: a missing file says which command writes it. */
    fun read(runDir: Path): Pair<Path, ProbingResult> {
        val file = file(runDir)
        if (!Files.isRegularFile(file)) {
            throw IOException("$file does not exist; run 'probelab probe' first or name the run directory it printed")
        }
        return file to parse(file)
    }

    /** Jackson's own message spans several lines, with the source repeated; this is one. */
    private fun parse(file: Path): ProbingResult = try {
        ProbingJson.read(file, ProbingResult::class.java)
    } catch (e: IOException) {
        val location = (e.cause as? JsonProcessingException)?.location
        throw IOException(e.message + (location?.let { " (line ${it.lineNr}, column ${it.columnNr})" } ?: ""))
    }
}
