package org.probelab.dsl

import kotlinx.serialization.json.Json

/** The JSON form of specs and results: pretty, with defaults written out so a file shows every setting. */
object ExperimentJson {
    val format: Json = Json {
        prettyPrint = true
        encodeDefaults = true
        // A diverged probe can score NaN; losing a whole run's results over it would be worse.
        allowSpecialFloatingPointValues = true
    }
}
