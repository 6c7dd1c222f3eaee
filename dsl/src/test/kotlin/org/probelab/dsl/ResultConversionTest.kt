package org.probelab.dsl

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
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

/** Core's results become the serializable result types without losing anything shown or traced. */
class ResultConversionTest {
    private val known = listOf("NOUN", "VERB")
    private val firstSeed = Evaluation.of(known, listOf("NOUN", "NOUN", "VERB", "ADJ", "ADJ"),
        listOf("NOUN", "VERB", "VERB", "NOUN", "NOUN"))
    private val secondSeed = Evaluation.of(known, listOf("NOUN", "NOUN", "VERB", "ADJ", "ADJ"),
        listOf("NOUN", "NOUN", "VERB", "VERB", "NOUN"))

    private fun probe(kind: ProbeKind, layer: Int): LayerScore {
        val best = ProbeConfig(kind, 64, 32, 1e-5, 1e-3, 512, 12, 3, 7)
        val grid = listOf(GridPoint(best.withL2(1e-3), 0.5, TrainingOutcome(2, 5, false)),
            GridPoint(best, 0.75, TrainingOutcome(12, 12, true)))
        val seedRuns = listOf(GridPoint(best, 0.75, TrainingOutcome(12, 12, true)),
            GridPoint(best.withSeed(8), 0.7, TrainingOutcome(9, 12, false)))
        val result = ProbeResult("layer $layer ${kind.name.lowercase()}", kind, best, grid, seedRuns, listOf(firstSeed, secondSeed),
            Summary.of(firstSeed.accuracy(), secondSeed.accuracy()), Summary.of(firstSeed.macroF1(), secondSeed.macroF1()))
        return LayerScore(layer, result)
    }

    private val provenance = Provenance("models/tiny", "ab".repeat(32), "conllu:tiny.conllu", "cd".repeat(32),
        linkedMapOf("train" to 120L, "dev" to 15L, "test" to 5L), "rep-key", "cpu, 2 intra-op / 1 inter-op threads",
        linkedMapOf("probelab" to "0.1.0", "java" to "17"), "2026-11-23T12:00:00Z",
        linkedMapOf("load" to 0.5, "extract" to 1.25, "probe" to 3.0))

    private val core = ProbingResult(ProbingSpec.quickstart(), provenance,
        listOf(probe(ProbeKind.MLP, 2), probe(ProbeKind.MLP, 0), probe(ProbeKind.LINEAR, 0)))

    private val converted = core.toExperimentResult()

    @Test
    fun `scores keep layer, kind, summaries, search and the chosen config`() {
        val score = converted.scores[0]
        assertEquals(2, score.layer)
        assertEquals(ProbeKind.MLP, score.probe)
        assertEquals("layer 2 mlp", score.subject)
        val accuracy = Summary.of(firstSeed.accuracy(), secondSeed.accuracy())
        assertEquals(MeanStd(accuracy.mean(), accuracy.std()), score.accuracy)
        assertEquals(firstSeed.macroF1(), score.seeds[0].macroF1)
        assertEquals(ProbeSettings(ProbeKind.MLP, 64, 32, 1e-5, 1e-3, 512, 12, 3, 7), score.chosen)
        assertEquals(listOf(1e-3 to 0.5, 1e-5 to 0.75), score.searched.map { it.config.l2 to it.devAccuracy })
        assertEquals(listOf(Triple(2, 5, false), Triple(12, 12, true)),
            score.searched.map { Triple(it.bestEpoch, it.epochs, it.budgetRanOut) })
        assertEquals(listOf(Triple(12, 12, true), Triple(9, 12, false)),
            score.seeds.map { Triple(it.bestEpoch, it.epochs, it.budgetRanOut) })
    }

    @Test
    fun `seeds count up from the chosen config's seed, per score and in the provenance`() {
        assertEquals(listOf(7L, 8L), converted.scores[0].seeds.map { it.seed })
        assertEquals(listOf(firstSeed.accuracy(), secondSeed.accuracy()), converted.scores[0].seeds.map { it.accuracy })
        assertEquals(listOf(7L, 8L), converted.provenance.seeds)
    }

    @Test
    fun `the first seed's confusion matrix and unseen labels are kept`() {
        val confusion = converted.scores[0].confusion
        assertEquals(listOf("NOUN", "VERB", "ADJ"), confusion.labels)
        assertEquals(firstSeed.confusion().map { it.toList() }, confusion.counts)
        assertEquals(mapOf("ADJ" to 2), converted.scores[0].unseenLabels)
    }

    @Test
    fun `provenance keeps every field in order`() {
        val p = converted.provenance
        assertEquals(listOf("train", "dev", "test"), p.rows.keys.toList())
        assertEquals(120L, p.rows["train"])
        assertEquals(listOf("load", "extract", "probe"), p.seconds.keys.toList())
        assertEquals(provenance.modelChecksum(), p.modelChecksum)
        assertEquals(provenance.representationKey(), p.representationKey)
        assertEquals(provenance.startedAt(), p.startedAt)
    }

    @Test
    fun `scores are looked up by kind in layer order and by layer`() {
        assertEquals(listOf(0, 2), converted.of(ProbeKind.MLP).map { it.layer })
        assertEquals(ProbeKind.LINEAR, converted.score(0, ProbeKind.LINEAR)?.probe)
        assertNull(converted.score(2, ProbeKind.LINEAR))
    }
}
