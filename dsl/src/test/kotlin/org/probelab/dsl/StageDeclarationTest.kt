package org.probelab.dsl

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.function.Executable
import org.probelab.represent.WordPooling
import org.probelab.train.FineTuneSettings
import org.probelab.train.SentenceFeature

/** `stages { fineTune(...) }` declares core's settings, fails early naming the field, and is part of the spec hash. */
class StageDeclarationTest {
    private fun rejected(field: String, hint: String, declare: ExperimentBuilder.() -> Unit) {
        val e = assertThrows(DeclarationException::class.java, Executable { experiment("bad", declare) })
        assertEquals(field, e.field, e.message)
        assertTrue(hint in e.message!!, "'$hint' missing from: ${e.message}")
    }

    @Test
    fun `the issue's declaration gives core's settings with the rest at the papers' defaults`() {
        val exp = experiment("ft") {
            stages { fineTune(task = pos) { epochs = 3; learningRate = 2e-5; layerDecay = 0.95; freeze(embeddings) } }
        }
        val stage = exp.stages.single() as FineTuneStageSpec
        assertEquals(TaskSpec.Pos, stage.task)
        val expected = FineTuneSettings.DEFAULTS.toBuilder().epochs(3).learningRate(2e-5f).layerDecay(0.95f)
            .freezeEmbeddings(true).build()
        assertEquals(expected, stage.settings())
    }

    @Test
    fun `every head and freezing choice reaches core`() {
        val exp = experiment("ft") {
            data { tsv("sst") }
            task = sentence
            stages {
                fineTune(task = sentence) { sentenceFeature = lastLayersCls(4); freeze(embeddings, firstLayers(6)) }
                fineTune(task = sentence) { sentenceFeature = meanOfLastLayer; pooling = first; seed = 9 }
            }
        }
        val (a, b) = exp.stages.map { (it as FineTuneStageSpec).settings() }
        assertEquals(SentenceFeature.CONCAT_LAST, a.sentenceFeature())
        assertEquals(4, a.lastLayers())
        assertTrue(a.freezeEmbeddings())
        assertEquals(6, a.frozenLayers())
        assertEquals(SentenceFeature.MEAN, b.sentenceFeature())
        assertEquals(WordPooling.FIRST, b.wordPooling())
        assertEquals(9L, b.seed())
    }

    @Test
    fun `impossible settings are rejected naming the field`() {
        rejected("fineTune.learningRate", "positive") { stages { fineTune(task = pos) { learningRate = -1.0 } } }
        rejected("fineTune.layerDecay", "(0, 1]") { stages { fineTune(task = pos) { layerDecay = 1.5 } } }
        rejected("fineTune.layerDecay", "(0, 1]") { stages { fineTune(task = pos) { layerDecay = 0.0 } } }
        rejected("fineTune.epochs", "at least 1") { stages { fineTune(task = pos) { epochs = 0 } } }
        rejected("stages[0].frozenLayers", "only 12 layers") {
            model { bertBase() }
            stages { fineTune(task = pos) { freeze(firstLayers(13)) } }
        }
        rejected("stages[1].task", "only sentence labels") {
            data { tsv("sst") }
            task = sentence
            stages { fineTune(task = sentence); fineTune(task = dep) }
        }
    }

    @Test
    fun `stages are part of the spec's JSON and hash, and a spec without stages keeps its old JSON`() {
        val plain = experiment("x") { task = pos }
        val staged = experiment("x") { task = pos; stages { fineTune(task = dep) { epochs = 2 } } }
        assertFalse("stages" in plain.toJson(), plain.toJson())
        assertTrue("\"fine-tune\"" in staged.toJson(), staged.toJson())
        assertEquals(staged, ExperimentSpec.fromJson(staged.toJson()))
        assertNotEquals(plain.runDirectoryName(), staged.runDirectoryName())
        val otherEpochs = experiment("x") { task = pos; stages { fineTune(task = dep) { epochs = 3 } } }
        assertNotEquals(staged.runDirectoryName(), otherEpochs.runDirectoryName())
    }
}
