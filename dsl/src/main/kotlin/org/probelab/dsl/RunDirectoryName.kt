package org.probelab.dsl

import org.probelab.data.Checksums
import java.util.Locale

/**
 * The name of a run's directory, for the experiment language's runs and the CLI's alike:
 * `<label>-<first 8 hex digits of the SHA-256 of the spec's JSON>`, the label made safe for a file
 * name. The same spec always lands in the same directory, so a rerun finds its finished steps.
 */
fun runDirectoryName(label: String, specJson: String): String {
    val slug = label.lowercase(Locale.ROOT).replace(Regex("[^a-z0-9._-]+"), "_").trim('_', '.').take(60)
        .ifEmpty { "run" }
    return slug + "-" + Checksums.sha256(specJson.toByteArray()).take(8)
}
