package org.probelab.dsl.report

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.probelab.dsl.plots.SvgMarks
import org.probelab.probe.LayerScore
import org.probelab.probe.ProbeKind
import org.probelab.probe.ProbingResult

class ResultFiguresTest {
    @Test
    fun `the best layer is the one with the highest mean test accuracy`() {
        val probing = SmallResults.probing()
        assertEquals(2, bestLayer(probing, ProbeKind.MLP).layer())
        assertEquals(1, bestLayer(probing, ProbeKind.LINEAR).layer())
    }

    @Test
    fun `on a tie the lower layer is best`() {
        val probing = SmallResults.probing()
        val sameEverywhere = probing.of(ProbeKind.LINEAR)[1].result()
        val tied = probing.scores().map { s -> if (s.result().kind() == ProbeKind.LINEAR) LayerScore(s.layer(), sameEverywhere) else s }
        assertEquals(0, bestLayer(ProbingResult(probing.spec(), probing.provenance(), tied), ProbeKind.LINEAR).layer())
    }

    @Test
    fun `error bars appear only when probes were trained with several seeds`() {
        val errorBarSegments = { seeds: Int -> SvgMarks(accuracyFigure(SmallResults.probing(seeds)).toSvg()).panel("line").size }
        assertEquals(2 * 3 * 3, errorBarSegments(3), "three segments per layer for each probe")
        assertEquals(0, errorBarSegments(1))
    }

    @Test
    fun `the confusion heatmap has a tile per gold and predicted label`() {
        val figure = confusionFigure(SmallResults.probe(ProbeKind.MLP, 0, 1))
        assertEquals(SmallResults.LABELS.size * SmallResults.LABELS.size, SvgMarks(figure.toSvg()).panel("rect").size)
    }
}
