package org.probelab.dsl

import org.junit.jupiter.api.Assertions.assertDoesNotThrow
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.probelab.model.ComputePrecision
import org.probelab.model.EasyBert
import org.probelab.probe.ProbeDefaults
import org.probelab.probe.ProbeKind
import org.probelab.probe.ProbingSpec
import org.probelab.represent.ExtractionOptions
import org.probelab.represent.Precision
import org.probelab.represent.Task
import org.probelab.represent.SentencePooling
import org.probelab.represent.WordPooling
import org.probelab.data.DataSources
import org.probelab.data.Split
import java.nio.file.Path

/** What the builders declare, and the core spec the declaration runs as. */
class ExperimentDeclarationTest {
    @Test
    fun `the paper's experiment maps field by field onto core's probing spec`() {
        val exp = experiment("pos-by-layer") {
            model { bertBase() }
            layers(0, 4, 8, 12)
            data { demoTreebank(sentences = 500) }
            task = pos
            probes { mlp(); linear() }
            extraction { pooling = mean; sentencePooling = cls; float16 = false }
        }

        val expected = ProbingSpec(
            EasyBert.ID, "demo:500", "pos", listOf(0, 4, 8, 12), listOf(ProbeKind.MLP, ProbeKind.LINEAR),
            false, ProbeDefaults.SEEDS, ExtractionOptions.DEFAULTS,
        )
        assertEquals(expected, exp.toProbingSpec())
    }

    @Test
    fun `settings left out take the paper's defaults`() {
        val exp = experiment("defaults") {}

        assertEquals(ModelSpec.BertBase, exp.model)
        assertEquals(DataSpec.Demo(DataSources.DEMO_SENTENCES), exp.data)
        assertEquals(LayerSelection.All, exp.layers)
        assertEquals(SearchSpec.PaperGrid, exp.probes.search)
        assertEquals(ProbeDefaults.SEEDS, exp.probes.seeds)
        assertEquals(ProbingSpec.quickstart().probes(), exp.probes.kinds)
        assertEquals(ExtractionOptions.DEFAULTS, exp.extraction.toOptions())
        assertEquals(emptyList<Int>(), exp.toProbingSpec().layers(), "all layers is core's empty list")
    }

    @Test
    fun `quick mode takes its own seed default unless seeds are given`() {
        val quickly = experiment("q") { probes { linear(); quick = true } }
        val seeded = experiment("s") { probes { linear(); quick = true; seeds = 3 } }
        val grid = experiment("g") { probes { linear(); search = paperGrid; seeds = 2 } }

        assertEquals(ProbeDefaults.QUICK_SEEDS, quickly.toProbingSpec().seeds())
        assertEquals(true, quickly.toProbingSpec().quick())
        assertEquals(3, seeded.toProbingSpec().seeds())
        assertEquals(false, grid.toProbingSpec().quick())
        assertEquals(2, grid.toProbingSpec().seeds())
    }

    @Test
    fun `layers are given as a list or a range, sorted and without repeats`() {
        assertEquals(listOf(0, 4, 12), experiment("a") { layers(12, 0, 4, 4) }.toProbingSpec().layers())
        assertEquals(listOf(0, 1, 2, 3, 4), experiment("b") { layers(0..4) }.toProbingSpec().layers())
        assertEquals(LayerSelection.All, experiment("c") { layers(3); layers = all }.layers)
    }

    @Test
    fun `every task names the core task it runs as`() {
        val names = listOf(
            experiment("t") { task = pos }, experiment("t") { task = xpos }, experiment("t") { task = dep },
            experiment("t") { task = depFull }, experiment("t") { task = sentence },
            experiment("t") { data { conllu("x.conllu") }; task = column(10) },
        ).map { it.toProbingSpec().task() }
        assertEquals(listOf("pos", "xpos", "dep", "dep-full", "sentence", "column:10"), names)
        names.forEach { name -> assertDoesNotThrow<Task> { Task.named(name) } }
    }

    @Test
    fun `data sources become core's source strings`() {
        fun source(choose: DataBuilder.() -> Unit) = experiment("d") { task = sentence; data(choose) }.toProbingSpec().data()

        assertEquals("ud:en_ewt", experiment("d") { data { ud("en_ewt") } }.toProbingSpec().data())
        assertEquals("conllu:a/train.conllu,a/dev.conllu,a/test.conllu",
            source { conllu(Path.of("a/train.conllu"), Path.of("a/dev.conllu"), Path.of("a/test.conllu")) })
        assertEquals("conllu:treebank", source { conllu("treebank") })
        assertEquals("tsv:sst", source { tsv("sst") })
    }

    @Test
    fun `the demo source opens in core with the declared number of sentences`() {
        val data = DataSources.open(experiment("d") { data { demoTreebank(sentences = 40) } }.toProbingSpec().data())
        assertEquals(40, Split.values().sumOf { data.split(it).size })
    }

    @Test
    fun `extraction settings change only what they name`() {
        val exp = experiment("e") {
            extraction { pooling = first; sentencePooling = mean; float16 = true; windowStride = 64; precision = bf16 }
        }
        val expected = ExtractionOptions.DEFAULTS.withWordPooling(WordPooling.FIRST)
            .withSentencePooling(SentencePooling.MEAN).withPrecision(Precision.FLOAT16).withWindowStride(64)
            .withCompute(ComputePrecision.BF16)
        assertEquals(expected, exp.toProbingSpec().extraction())
    }

    @Test
    fun `a model directory is passed to core as given`() {
        val exp = experiment("m") { model { bert(Path.of("models/tiny")) } }
        assertEquals("models/tiny", exp.toProbingSpec().model())
    }

    @Test
    fun `the run directory is named by the experiment and the spec's hash`() {
        val a = experiment("POS by layer!") { probes { linear() } }
        val b = experiment("POS by layer!") { probes { mlp() } }

        assertEquals(a.runDirectoryName(), a.copy().runDirectoryName())
        assertNotEquals(a.runDirectoryName(), b.runDirectoryName())
        assertTrue(a.runDirectoryName().matches(Regex("pos_by_layer-[0-9a-f]{8}")), a.runDirectoryName())
    }
}
