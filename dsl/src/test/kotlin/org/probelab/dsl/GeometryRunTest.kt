package org.probelab.dsl

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.probelab.dsl.plots.SvgMarks
import org.probelab.dsl.report.experimentLayerTable
import org.probelab.probe.ControlTask
import org.probelab.probe.ProbeKind
import org.probelab.testing.TinyWorld
import java.nio.file.Files
import java.nio.file.Path
import java.util.Locale
import kotlin.io.path.name
import kotlin.math.abs

/** Control tasks, selectivity and layer similarity of runs on a tiny random BERT. */
class GeometryRunTest {
    companion object {
        @TempDir
        @JvmStatic
        lateinit var dir: Path
        lateinit var treebank: Path
        lateinit var controlled: Run
        lateinit var otherModel: Run

        @BeforeAll
        @JvmStatic
        fun world() {
            treebank = TinyWorld.treebank(dir.resolve("tiny.conllu"), 200, 5)
            controlled = tiny("controlled", TinyWorld.model(dir.resolve("a"), 3)) {
                probes { mlp(); quick = true; control(shuffledTokens) }
            }.run(runsDir = dir.resolve("runs"), cacheDir = dir.resolve("cache"))
            otherModel = tiny("other-model", TinyWorld.model(dir.resolve("b"), 4)) {
                probes { mlp(); quick = true }
            }.run(runsDir = dir.resolve("runs"), cacheDir = dir.resolve("cache"))
        }

        private fun tiny(name: String, model: Path, choose: ExperimentBuilder.() -> Unit) = experiment(name) {
            model { bert(model) }
            data { conllu(treebank) }
            task = column(TinyWorld.LEARNABLE_COLUMN)
            layers(0..2)
            choose()
        }
    }

    @Test
    fun `a control task is probed on every layer beside the task, and selectivity is their difference`() {
        val selectivity = controlled.result.selectivity(ProbeKind.MLP)
        assertEquals(listOf(0, 1, 2), selectivity.map { it.layer() })
        for (row in selectivity) {
            assertEquals(controlled.result.score(row.layer(), ProbeKind.MLP)!!.accuracy.mean, row.taskAccuracy())
            assertTrue(row.controlAccuracy() < 1.0 / TinyWorld.CLASSES + 0.12, row.toString())
            assertTrue(row.selectivity() > 0.5, row.toString())
        }
        val steps = Files.list(controlled.dir.resolve(Run.ENGINE_DIR).resolve("steps")).use { s -> s.map { it.name }.toList() }
        assertTrue("layer-02-mlp-control-shuffled-tokens.json" in steps, steps.toString())
        assertEquals(controlled.result, Run.load(controlled.dir, dir.resolve("cache")).result)
    }

    @Test
    fun `the selectivity figure draws task, control and selectivity per probe, and a run without control says what to do`() {
        val legend = SvgMarks(controlled.selectivityByLayer().toSvg()).texts("legend-item")
        assertEquals(listOf("mlp task", "mlp control", "mlp selectivity"), legend)
        val e = assertThrows(IllegalArgumentException::class.java) { otherModel.selectivityByLayer() }
        assertTrue("probes { control() }" in e.message!!, e.message)
        assertEquals(emptyList<Any>(), otherModel.result.selectivity(ProbeKind.MLP))
    }

    @Test
    fun `the layer table adds each probe's control accuracy and selectivity`() {
        val html = experimentLayerTable(controlled.result)
        assertTrue("<th>mlp control</th><th>mlp selectivity</th>" in html, html)
        val row = controlled.result.selectivity(ProbeKind.MLP)[1]
        val cells = String.format(Locale.ROOT, "<td>%.4f</td><td>%.4f</td></tr>", row.controlAccuracy(), row.selectivity())
        assertTrue(cells in html, "$cells in $html")
        assertFalse("selectivity" in experimentLayerTable(otherModel.result))
    }

    @Test
    fun `the word-type control cannot label sentences and a spec with a control survives JSON`() {
        val e = assertThrows(DeclarationException::class.java) {
            experiment("s") { data { demoTreebank() }; task = sentence; probes { mlp(); control() } }
        }
        assertEquals("control", e.field)
        experiment("s") { data { demoTreebank() }; task = sentence; probes { mlp(); control(shuffledTokens) } }
        val spec = experiment("w") { probes { linear(); control() } }
        assertEquals(ControlTask.WORD_TYPES, spec.toProbingSpec().control())
        assertEquals(spec, ExperimentSpec.fromJson(spec.toJson()))
    }

    @Test
    fun `CKA within a run is symmetric with ones on the diagonal and survives JSON`() {
        val cka = controlled.layerSimilarity()
        assertEquals(listOf(0, 1, 2), cka.rowLayers)
        assertEquals(controlled.vectors(0).rows(), cka.items)
        for (values in listOf(cka.biased, cka.debiased)) {
            for (i in 0..2) {
                assertEquals(1.0, values[i][i], 1e-4)
                for (j in 0..2) assertEquals(values[i][j], values[j][i], 1e-9)
            }
        }
        assertEquals(cka, LayerSimilarity.fromJson(cka.toJson()))
        assertEquals(listOf(0, 1), cka.diagonal().first().layers, "within a run the line is each layer against the next")
        assertEquals(9, SvgMarks(cka.heatmap().toSvg()).panelTexts().size, "one value written per cell")
    }

    @Test
    fun `CKA between two models on the same items compares every pair and draws the diagonal by layer`() {
        val cka = layerSimilarity(controlled, otherModel)
        assertEquals(3, cka.debiased.size)
        assertTrue((0..2).any { i -> abs(cka.debiased[i][i] - 1.0) > 1e-3 }, "different weights, different layers")
        assertTrue(cka.diagonal().all { it.layers == listOf(0, 1, 2) })
        val axes = SvgMarks(cka.heatmap().toSvg()).texts("axis-title-x") + SvgMarks(cka.heatmap().toSvg()).texts("axis-title-y")
        assertTrue(axes.containsAll(listOf("controlled layer", "other-model layer")), axes.toString())
        val legend = SvgMarks(cka.diagonalByLayer().toSvg()).texts("legend-item")
        assertEquals(listOf("debiased CKA", "biased CKA"), legend)
    }

    @Test
    fun `CKA between runs on different data is refused before reading vectors`() {
        val otherData = TinyWorld.treebank(dir.resolve("other.conllu"), 120, 6)
        val elsewhere = experiment("elsewhere") {
            model { bert(dir.resolve("a/tiny-bert")) }
            data { conllu(otherData) }
            task = column(TinyWorld.LEARNABLE_COLUMN)
            layers(0..2)
            probes { mlp(); quick = true }
        }.run(runsDir = dir.resolve("runs"), cacheDir = dir.resolve("cache"))
        val e = assertThrows(IllegalArgumentException::class.java) { layerSimilarity(controlled, elsewhere) }
        assertTrue("same data and task" in e.message!!, e.message)
    }
}
