package org.probelab.dsl

import org.probelab.probe.LayerCodelength
import org.probelab.probe.LayerScore
import org.probelab.probe.ProbeConfig
import org.probelab.probe.ProbingResult
import org.probelab.probe.Provenance
import org.probelab.probe.Summary

/** Core's result in the DSL's serializable form. */
fun ProbingResult.toExperimentResult(): ExperimentResult {
    val scores = scores().map { it.toLayerProbeScore() }
    val seeds = scores.flatMap { score -> score.seeds.map { it.seed } }.distinct().sorted()
    return ExperimentResult(
        provenance().toRunProvenance(seeds),
        scores,
        control = controlScores().map { it.toLayerProbeScore() },
        notes = notes(),
        codelengths = codelengths().map { it.toCodelengthScore() },
        directProbes = directProbes(),
    )
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
        searched = probe.grid().map {
            val training = it.training()
            SearchedConfig(it.config().toSettings(), it.devAccuracy(), training.bestEpoch(), training.epochs(), training.budgetRanOut())
        },
        seeds = probe.seedEvaluations().zip(probe.seedRuns()) { e, run ->
            val training = run.training()
            SeedScore(run.config().seed(), e.n(), e.accuracy(), e.macroF1(), training.bestEpoch(), training.epochs(), training.budgetRanOut())
        },
        confusion = ConfusionCounts(shown.labels(), shown.confusion().map { it.toList() }),
        unseenLabels = shown.unseenLabels().toSortedMap(),
    )
}

private fun LayerCodelength.toCodelengthScore(): LayerCodelengthScore {
    val online = code()
    return LayerCodelengthScore(
        layer(), kind(), config().toSettings(), online.items(), online.labels(), online.blockEnds(), online.blockBits(),
        online.uniformBits(), online.onlineBits(),
    )
}

private fun Summary.toMeanStd() = MeanStd(mean(), std())

private fun ProbeConfig.toSettings() =
    ProbeSettings(kind(), h1(), h2(), l2(), learningRate(), batchSize(), maxEpochs(), patience(), seed())
