package org.probelab.dsl

import org.probelab.EngineError

/**
 * Marks the experiment builders, so that inside one block (say `probes { }`) the names of an
 * enclosing block (`pos`, `all`, `model { }`) cannot be reached by accident.
 */
@DslMarker
annotation class ExperimentDsl

/**
 * An experiment declared with a value it cannot have: [field] is the DSL field to change
 * (e.g. `layers`), and the message says what to change it to. An [IllegalArgumentException], as a bad
 * argument is, and an [EngineError], so front ends show only its message.
 */
class DeclarationException(val field: String, problem: String) :
    IllegalArgumentException("$field: $problem"), EngineError
