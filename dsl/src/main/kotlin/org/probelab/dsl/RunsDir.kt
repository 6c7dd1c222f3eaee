package org.probelab.dsl

import java.nio.file.Path
import java.util.Properties

/**
 * Where runs go when the caller names no folder: `-Dprobelab.runs`, else `$PROBELAB_RUNS`, else `runs` under
 * the working directory. The notebook kernel sets PROBELAB_RUNS to the repository's `runs/`, so a notebook's runs
 * land with the command line's instead of beside the notebook.
 */
object RunsDir {
    const val VARIABLE = "PROBELAB_RUNS"
    const val PROPERTY = "probelab.runs"

    fun default(): Path = from(System.getenv(), System.getProperties())

    internal fun from(environment: Map<String, String>, properties: Properties): Path {
        val configured = properties.getProperty(PROPERTY) ?: environment[VARIABLE]
        return Path.of(configured?.takeIf { it.isNotBlank() } ?: "runs")
    }
}
