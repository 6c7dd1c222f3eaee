package org.probelab.dsl

import kotlinx.serialization.KSerializer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.probelab.probe.ProbeKind
import org.probelab.represent.Precision
import org.probelab.represent.SentencePooling
import org.probelab.represent.WordPooling

/** Every spec type survives JSON and back; stored specs stay readable as fields are added. */
class SpecJsonTest {
    private fun <T> roundTrip(serializer: KSerializer<T>, value: T) {
        val json = ExperimentJson.format.encodeToString(serializer, value)
        assertEquals(value, ExperimentJson.format.decodeFromString(serializer, json), json)
    }

    @Test
    fun `every model, data, task, layer and search variant round-trips`() {
        listOf(ModelSpec.BertBase, ModelSpec.Directory("models/tiny")).forEach { roundTrip(ModelSpec.serializer(), it) }
        listOf(DataSpec.Demo(), DataSpec.Demo(40), DataSpec.Ud("en_ewt"), DataSpec.Conllu(listOf("a", "b", "c")),
            DataSpec.Tsv(listOf("sst"))).forEach { roundTrip(DataSpec.serializer(), it) }
        listOf(TaskSpec.Pos, TaskSpec.Xpos, TaskSpec.Dep, TaskSpec.DepFull, TaskSpec.SentenceLabel, TaskSpec.Column(10))
            .forEach { roundTrip(TaskSpec.serializer(), it) }
        listOf(LayerSelection.All, LayerSelection.Listed(listOf(0, 6, 12)))
            .forEach { roundTrip(LayerSelection.serializer(), it) }
        listOf(SearchSpec.Quick, SearchSpec.PaperGrid).forEach { roundTrip(SearchSpec.serializer(), it) }
    }

    @Test
    fun `probes, extraction and whole experiments round-trip`() {
        roundTrip(ProbesSpec.serializer(), ProbesSpec(listOf(ProbeKind.LINEAR), SearchSpec.Quick, 3))
        roundTrip(ExtractionSpec.serializer(),
            ExtractionSpec(WordPooling.FIRST, SentencePooling.MEAN, Precision.FLOAT16, 1024, 32))
        val exp = experiment("full") {
            model { bert("models/tiny") }
            layers(0, 2)
            data { conllu("train.conllu", "dev.conllu", "test.conllu") }
            task = column(10)
            probes { mlp(); quick = true; seeds = 2 }
            extraction { pooling = first; float16 = true; precision = bf16 }
        }
        assertEquals(exp, ExperimentSpec.fromJson(exp.toJson()))
        assertEquals(experiment("defaults") {}, ExperimentSpec.fromJson(experiment("defaults") {}.toJson()))
    }

    @Test
    fun `the spec file is readable JSON naming each variant`() {
        val json = experiment("readable") { task = depFull; probes { linear(); quick = true } }.toJson()
        assertTrue("\"type\": \"dep-full\"" in json, json)
        assertTrue("\"type\": \"quick\"" in json, json)
        assertTrue("\"kinds\": [\n" in json && "\"LINEAR\"" in json, json)
    }

    @Test
    fun `a stored spec that lacks a field reads with the field's default`() {
        val stored = """{"name": "old", "task": {"type": "xpos"}}"""
        assertEquals(experiment("old") { task = xpos }, ExperimentSpec.fromJson(stored))
    }

    @Test
    fun `a stored spec is validated like a declared one`() {
        val stored = """{"name": "edited", "layers": {"type": "listed", "layers": [13]}}"""
        val e = assertThrows(DeclarationException::class.java) { ExperimentSpec.fromJson(stored) }
        assertEquals("layers", e.field)
    }
}
