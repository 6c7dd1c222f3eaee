package org.probelab.dsl

import org.probelab.dsl.plots.Figure
import org.probelab.dsl.plots.accuracyByLayer

/**
 * Test accuracy by layer of several runs in one figure, a line per run and probe kind (e.g.
 * `pos-by-layer · mlp`). Runs that share a name are told apart by their directory names.
 */
fun compare(vararg runs: Run, title: String = "test accuracy by layer"): Figure {
    require(runs.isNotEmpty()) { "compare: give at least one run" }
    val names = runs.map { it.spec.name }
    val distinct = names.toSet().size == names.size
    val curves = runs.flatMap { run ->
        val name = if (distinct) run.spec.name else run.dir.fileName.toString()
        run.spec.probes.kinds.map { kind -> run.curve("$name · ${kind.label()}", kind) }
    }
    return accuracyByLayer(curves, title)
}
