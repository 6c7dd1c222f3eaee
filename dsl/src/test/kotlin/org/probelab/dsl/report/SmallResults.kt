package org.probelab.dsl.report

import org.probelab.probe.Evaluation
import org.probelab.probe.GridPoint
import org.probelab.probe.TrainingOutcome
import org.probelab.probe.LayerScore
import org.probelab.probe.ProbeConfig
import org.probelab.probe.ProbeKind
import org.probelab.probe.ProbeResult
import org.probelab.probe.ProbingResult
import org.probelab.probe.ProbingSpec
import org.probelab.probe.Provenance
import org.probelab.probe.Summary
import org.probelab.represent.ExtractionOptions

/** Small made-up probing results, built from the core records as a run would store them. */
object SmallResults {
    /** Labels of every confusion matrix; the last needs escaping in HTML. */
    val LABELS = listOf("NOUN", "VERB", "<unk>&")

    /** Test accuracy of [kind] at [layer] with [seed] (0-based): MLP peaks at layer 2, LINEAR at layer 1. */
    fun accuracy(kind: ProbeKind, layer: Int, seed: Int): Double {
        val peak = if (kind == ProbeKind.MLP) listOf(0.70, 0.80, 0.90) else listOf(0.60, 0.85, 0.75)
        return peak[layer] + 0.01 * seed
    }

    /** Layers 0..2, MLP and LINEAR, [seeds] seeds each. */
    fun probing(seeds: Int = 3, dataName: String = "tiny <ewt>"): ProbingResult {
        val kinds = listOf(ProbeKind.MLP, ProbeKind.LINEAR)
        val scores = (0..2).flatMap { layer -> kinds.map { kind -> LayerScore(layer, probe(kind, layer, seeds)) } }
        val spec = ProbingSpec("bert-base-uncased", "demo", "pos", listOf(0, 1, 2), kinds, true, seeds, ExtractionOptions.DEFAULTS)
        val provenance = Provenance(
            "bert-base-uncased", "ab".repeat(32), dataName, "cd".repeat(32),
            linkedMapOf("train" to 100L, "dev" to 20L, "test" to 20L), "key123", "cpu (2 threads)",
            linkedMapOf("probelab" to "0.1.0", "java" to "17"), "2026-11-23T12:00:00Z",
            linkedMapOf("load" to 1.5, "extract" to 2.0, "probe" to 3.0),
        )
        return ProbingResult(spec, provenance, scores)
    }

    fun probe(kind: ProbeKind, layer: Int, seeds: Int): ProbeResult {
        val config = ProbeConfig(kind, 16, 8, 1e-4, 1e-3, 32, 10, 2, 1)
        val evaluations = (0 until seeds).map { seed -> evaluation(accuracy(kind, layer, seed)) }
        return ProbeResult(
            "layer $layer", kind, config,
            listOf(GridPoint(config, 0.5, TrainingOutcome(3, 5, false)), GridPoint(config.withL2(0.0), 0.4, TrainingOutcome(2, 4, false))),
            (0 until seeds).map { GridPoint(config.withSeed(config.seed() + it), 0.5, TrainingOutcome(3, 5, false)) },
            evaluations,
            Summary.of(*evaluations.map { it.accuracy() }.toDoubleArray()),
            Summary.of(*evaluations.map { it.macroF1() }.toDoubleArray()),
        )
    }

    /** 100 gold rows, the first round(100 × accuracy) predicted right, the rest predicted as the next label. */
    private fun evaluation(accuracy: Double): Evaluation {
        val gold = List(100) { LABELS[it % LABELS.size] }
        val right = Math.round(100 * accuracy).toInt()
        val predicted = gold.mapIndexed { i, g -> if (i < right) g else LABELS[(LABELS.indexOf(g) + 1) % LABELS.size] }
        return Evaluation.of(LABELS, gold, predicted)
    }
}
