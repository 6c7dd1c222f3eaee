package org.probelab.dsl

/**
 * Marks the experiment builders, so that inside one block (say `probes { }`) the names of an
 * enclosing block (`pos`, `all`, `model { }`) cannot be reached by accident.
 */
@DslMarker
annotation class ExperimentDsl

/**
 * An experiment declared with a value it cannot have: [field] is the DSL field to change
 * (e.g. `layers`), and the message says what to change it to.
 */
class DeclarationException(val field: String, problem: String) : IllegalArgumentException("$field: $problem")
