package org.probelab.dsl

import org.probelab.probe.LayerScore
import org.probelab.probe.ProbeConfig
import org.probelab.probe.ProbingResult
import org.probelab.probe.Provenance
import org.probelab.probe.Summary

/** Core's result in the DSL's serializable form. */
fun ProbingResult.toExperimentResult(): ExperimentResult {
    val scores = scores().map { it.toLayerProbeScore() }
    val seeds = scores.flatMap { score -> score.seeds.map { it.seed } }.distinct().sorted()
    return ExperimentResult(provenance().toRunProvenance(seeds), scores, controlScores().map { it.toLayerProbeScore() })
}

private fun Provenance.toRunProvenance(seeds: List<Long>) = RunProvenance(
    modelId(), modelChecksum(), dataName(), dataChecksum(), rows().toMap(), representationKey(), device(),
    versions().toMap(), seeds, seconds().toMap(), startedAt(),
)

private fun LayerScore.toLayerProbeScore(): LayerProbeScore {
    val probe = result()
    val shown = probe.firstSeed()
    val best = probe.best()
    return LayerProbeScore(
        layer = layer(),
        probe = probe.kind(),
        subject = probe.subject(),
        accuracy = probe.testAccuracy().toMeanStd(),
        macroF1 = probe.testMacroF1().toMeanStd(),
        chosen = best.toSettings(),
        searched = probe.grid().map { SearchedConfig(it.config().toSettings(), it.devAccuracy(), it.bestEpoch()) },
        // Core retrains the chosen config with seeds counting up from the config's own seed.
        seeds = probe.seedEvaluations().mapIndexed { i, e -> SeedScore(best.seed() + i, e.n(), e.accuracy(), e.macroF1()) },
        confusion = ConfusionCounts(shown.labels(), shown.confusion().map { it.toList() }),
        unseenLabels = shown.unseenLabels().toSortedMap(),
    )
}

private fun Summary.toMeanStd() = MeanStd(mean(), std())

private fun ProbeConfig.toSettings() =
    ProbeSettings(kind(), h1(), h2(), l2(), learningRate(), batchSize(), maxEpochs(), patience(), seed())
