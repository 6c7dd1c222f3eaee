package org.probelab.dsl

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.probelab.dsl.plots.SvgMarks
import org.probelab.dsl.report.directProbeTable
import org.probelab.dsl.report.experimentLayerTable
import org.probelab.probe.ControlTask
import org.probelab.probe.DirectProbeSpec
import org.probelab.probe.ProbeKind
import org.probelab.testing.TinyWorld
import org.probelab.data.Split
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
        lateinit var clustered: Run

        @BeforeAll
        @JvmStatic
        fun world() {
            treebank = TinyWorld.treebank(dir.resolve("tiny.conllu"), 200, 5)
            controlled = tiny("controlled", TinyWorld.model(dir.resolve("a"), 3)) {
                probes { mlp(); quick = true; control(shuffledTokens); mdl() }
            }.run(runsDir = dir.resolve("runs"), cacheDir = dir.resolve("cache"))
            otherModel = tiny("other-model", TinyWorld.model(dir.resolve("b"), 4)) {
                probes { mlp(); quick = true; directProbe(clusterTest = false) }
            }.run(runsDir = dir.resolve("runs"), cacheDir = dir.resolve("cache"))
            clustered = tiny("clustered", dir.resolve("a/tiny-bert")) {
                probes { linear(); quick = true; directProbe() }
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
        val cells = String.format(Locale.ROOT, "<td>%.4f</td><td>%.4f</td>", row.controlAccuracy(), row.selectivity())
        assertTrue(cells in html, "$cells in $html")
        assertFalse("selectivity" in experimentLayerTable(otherModel.result))
    }

    @Test
    fun `mdl codes every probed layer, and the figure and table show its compression`() {
        val codes = controlled.result.codelengths(ProbeKind.MLP)
        assertEquals(listOf(0, 1, 2), codes.map { it.layer })
        for (code in codes) {
            assertEquals(controlled.vectors(code.layer, Split.TRAIN).rows(), code.items)
            assertEquals(code.blockBits.sum(), code.onlineBits, 1e-6)
            assertTrue(code.compression > 1.0, "the learnable column codes below uniform: $code")
        }
        assertEquals(listOf("mlp"), SvgMarks(controlled.mdlByLayer().toSvg()).texts("legend-item"))
        val html = experimentLayerTable(controlled.result)
        assertTrue("<th>mlp codelength (kbit)</th><th>mlp compression</th>" in html, html)
        assertTrue(String.format(Locale.ROOT, "<td>%.2f</td>", codes[2].compression) in html, html)
        val e = assertThrows(IllegalArgumentException::class.java) { otherModel.mdlByLayer() }
        assertTrue("probes { mdl() }" in e.message!!, e.message)
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
    fun `spatial similarity correlates label-pair distances per layer and measures how far centroids moved`() {
        val trainTest = controlled.spatialSimilarity()
        assertEquals(listOf(0, 1, 2), trainTest.layers.map { it.layer })
        for (layer in trainTest.layers) {
            assertEquals(TinyWorld.CLASSES * (TinyWorld.CLASSES - 1) / 2, layer.pairs)
            assertTrue(layer.correlation!! > 0.8, "train and test share the label layout: $layer")
            assertEquals((0 until TinyWorld.CLASSES).map { "c$it" }, layer.movement.keys.toList())
        }
        val models = spatialSimilarity(controlled, otherModel)
        assertEquals("test", models.fromSplit)
        assertTrue(models.layers.all { it.movement.values.all { m -> m > 0 } }, "other weights move every centroid")
        assertEquals(models, SpatialSimilarity.fromJson(models.toJson()))
        assertEquals(listOf("Pearson r"), SvgMarks(models.correlationByLayer().toSvg()).texts("legend-item"))
        assertEquals(4 * 3, SvgMarks(models.movementHeatmap().toSvg()).panelTexts().filter { it.isNotEmpty() }.size)
    }

    @Test
    fun `centroid figures show the distance matrix, the centroids' plane and their shift between runs`() {
        assertEquals(4 * 3, SvgMarks(controlled.centroidDistances(1).toSvg()).panelTexts().filter { it.isNotEmpty() }.size)
        val pca = SvgMarks(controlled.centroidPca(1).toSvg())
        assertEquals((0 until TinyWorld.CLASSES).map { "c$it" }, pca.panelTexts().sorted())
        val shift = SvgMarks(centroidShift(controlled, otherModel, 1).toSvg())
        assertEquals((0 until TinyWorld.CLASSES).map { "c$it" }, shift.panelTexts().sorted())
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

    @Test
    fun `DirectProbe clusters every layer, keeps its results with the run, and draws clusters, distances and accuracy`() {
        val layers = clustered.result.directProbes
        assertEquals(listOf(0, 1, 2), layers.map { it.layer() })
        for (layer in layers) {
            assertEquals(TinyWorld.CLASSES, layer.train().labelCount())
            assertTrue(layer.train().clusterCount() >= TinyWorld.CLASSES, layer.train().clusters().toString())
            assertEquals(clustered.vectors(layer.layer(), Split.TRAIN).rows(), layer.train().provenance().trainRows())
            assertEquals(clustered.vectors(layer.layer(), Split.TEST).rows(), layer.test()!!.provenance().trainRows())
            assertTrue(layer.train().prediction().accuracy() > 1.0 / TinyWorld.CLASSES + 0.2, "learnable labels cluster")
        }
        assertEquals(clustered.result, Run.load(clustered.dir, dir.resolve("cache")).result)
        assertEquals(listOf("DirectProbe", "linear"), SvgMarks(clustered.directProbeAccuracyByLayer().toSvg()).texts("legend-item"))
        val pairs = clustered.directProbe(1).train().labelPairs().size
        assertEquals(2 * pairs, SvgMarks(clustered.labelDistances(1).toSvg()).panelTexts().filter { it.isNotEmpty() }.size)
        val bars = SvgMarks(clustered.minimumDistances(1).toSvg()).panelTexts()
        assertEquals(clustered.directProbe(1).train().labelMinimum().count { it.nearest() != null }, bars.size, bars.toString())
        val html = directProbeTable(layers)
        val first = layers[0].train()
        assertTrue("<tr><td>0</td><td>${first.clusterCount()}</td><td>${TinyWorld.CLASSES}</td>" in html, html)
        assertTrue(String.format(Locale.ROOT, "<td>%.4f</td>", first.prediction().accuracy()) in html, html)
        assertTrue("<th>test clusters</th>" in html, html)
        val axis = SvgMarks(clustered.clusterCountByLayer().toSvg()).texts("axis-title-y")
        assertEquals(listOf("clusters (dashed: ${TinyWorld.CLASSES} labels)"), axis)
    }

    @Test
    fun `spatial similarity on DirectProbe distances compares train with test, and two models, and says what is missing`() {
        val trainTest = clustered.directProbeSimilarity()
        assertEquals(SpatialSimilarity.DIRECTPROBE, trainTest.distances)
        assertEquals(listOf(0, 1, 2), trainTest.layers.map { it.layer })
        val layer = clustered.directProbe(2)
        assertEquals(
            layer.train().labelPairDistances().correlation(layer.test()!!.labelPairDistances()),
            trainTest.layers[2].correlation,
        )
        assertTrue(trainTest.layers.all { it.correlation!! > 0.5 }, "train and test share the layout: ${trainTest.layers}")
        assertEquals(layer.train().provenance().options().smallCluster(), trainTest.smallCluster)
        assertEquals(null, trainTest.uncorrelated())
        val models = directProbeSimilarity(clustered, otherModel)
        assertEquals("train", models.fromSplit)
        assertEquals(models, SpatialSimilarity.fromJson(models.toJson()))
        val noTest = assertThrows(IllegalArgumentException::class.java) { otherModel.directProbeSimilarity() }
        assertTrue("directProbe(clusterTest = true)" in noTest.message!!, noTest.message)
        val none = assertThrows(IllegalArgumentException::class.java) { controlled.clusterCountByLayer() }
        assertTrue("probes { directProbe() }" in none.message!!, none.message)
    }

    @Test
    fun `a spec with DirectProbe survives JSON and a bad tolerance names the field`() {
        val spec = experiment("d") { probes { linear(); directProbe(tolerance = 0.01, dropConflicts = true) } }
        assertEquals(DirectProbeSpec(0.01, true, true), spec.toProbingSpec().directProbe())
        assertEquals(spec, ExperimentSpec.fromJson(spec.toJson()))
        val e = assertThrows(DeclarationException::class.java) { experiment("d") { probes { linear(); directProbe(tolerance = -1.0) } } }
        assertEquals("tolerance", e.field)
    }

    @Test
    fun `layers with too few label pairs in both spaces get no correlation and one sentence that says why`() {
        val source = RunSource(clustered.spec.name, clustered.result.provenance)
        fun layer(n: Int, pairs: Int, r: Double?) = SpatialLayer(n, pairs, r, mapOf("c0" to 0.5))
        val small = SpatialSimilarity(source, "train", source, "test",
            listOf(layer(0, 0, null), layer(1, 2, null), layer(2, 6, 0.9)), SpatialSimilarity.DIRECTPROBE, 5)
        val said = small.uncorrelated()!!
        assertTrue(said.startsWith("no correlation on layers 0, 1: only 0–2 label pairs are in both spaces"), said)
        assertTrue("clusters of more than 5 items" in said, said)
        assertEquals(listOf("Pearson r"), SvgMarks(small.correlationByLayer().toSvg()).texts("legend-item"))
        val none = small.copy(layers = small.layers.take(2))
        val e = assertThrows(IllegalArgumentException::class.java) { none.correlationByLayer() }
        assertEquals(none.uncorrelated(), e.message)
        assertEquals(small, SpatialSimilarity.fromJson(small.toJson()))
    }
}
