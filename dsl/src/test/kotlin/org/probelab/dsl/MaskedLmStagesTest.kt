package org.probelab.dsl

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.function.Executable
import org.junit.jupiter.api.io.TempDir
import org.probelab.model.ModelStore
import org.probelab.probe.ProbeKind
import org.probelab.testing.TinyWorld
import org.probelab.train.MlmSettings
import org.probelab.train.MlmSpec
import org.probelab.train.mlm.MaskRule
import org.probelab.train.mlm.StaticMasking
import org.probelab.train.mlm.WholeWordMasking
import java.nio.file.Files
import java.nio.file.Path

/**
 * `stages { pretrain(...); domainTransfer(corpus) { maskPolicy = wholeWord }; taskTransfer(); fineTune(task) }`:
 * core's settings, declaration errors naming the field, and a four-stage recipe run on a tiny model.
 */
class MaskedLmStagesTest {
    companion object {
        @TempDir
        @JvmStatic
        lateinit var dir: Path
        lateinit var modelDir: Path
        lateinit var treebank: Path
        lateinit var text: Path

        @BeforeAll
        @JvmStatic
        fun world() {
            modelDir = TinyWorld.model(dir, 3)
            treebank = TinyWorld.treebank(dir.resolve("tiny.conllu"), 80, 5)
            val words = TinyWorld.words()
            text = Files.write(dir.resolve("domain.txt"), (0 until 60).map { line ->
                (0 until 8).joinToString(" ") { words[(line * 3 + it) % words.size] }
            })
        }
    }

    private fun rejected(field: String, hint: String, declare: ExperimentBuilder.() -> Unit) {
        val e = assertThrows(DeclarationException::class.java, Executable { experiment("bad", declare) })
        assertEquals(field, e.field, e.message)
        assertTrue(hint in e.message!!, "'$hint' missing from: ${e.message}")
    }

    @Test
    fun `the issue's recipe gives core's stages with the papers' defaults`() {
        val exp = experiment("recipe") {
            stages {
                pretrain("text:$text") { architecture(layers = 4, hidden = 256) }
                domainTransfer("ud:en_ewt;genre=reviews") { maskPolicy = wholeWord }
                taskTransfer { maskPolicy = static(4); maskRate = 0.2 }
                fineTune(task = pos)
            }
        }
        val (pretrain, domain, task) = exp.stages.take(3).map { (it as MaskedLmStageSpec).spec() }
        assertEquals(MlmSpec.Architecture(4, 256, 4, 1024), pretrain.architecture())
        assertEquals(MlmSettings.PRETRAINING, pretrain.settings())
        assertEquals(MlmSettings.FURTHER_PRETRAINING.toBuilder().maskPolicy(WholeWordMasking()).build(),
            domain.settings())
        assertEquals("ud:en_ewt;genre=reviews", domain.corpus())
        assertEquals(StaticMasking(MaskRule(0.2, 0.8, 0.1), 4), task.settings().maskPolicy())
        assertEquals(null, task.corpus())
        assertEquals(exp, ExperimentSpec.fromJson(exp.toJson()))
        assertTrue("\"whole-word\"" in exp.toJson(), exp.toJson())
    }

    @Test
    fun `impossible recipes are rejected naming the field`() {
        rejected("domainTransfer.maskRate", "between 0 and 1") {
            stages { domainTransfer("text:$text") { maskRate = 1.5 } }
        }
        rejected("taskTransfer.maskRate", "between 0 and 1") { stages { taskTransfer { maskRate = 0.0 } } }
        rejected("pretrain.epochs", "at least 1") { stages { pretrain("text:$text") { epochs = 0 } } }
        val empty = Files.writeString(dir.resolve("empty.txt"), "\n\n")
        rejected("stages[0].corpus", "holds no text") { stages { domainTransfer("text:$empty") } }
        rejected("stages[0].corpus", "no such file") { stages { domainTransfer("text:${dir.resolve("absent.txt")}") } }
        rejected("stages[1].task", "only sentence labels") {
            data { tsv("sst") }
            task = sentence
            stages { taskTransfer(); fineTune(task = dep) }
        }
    }

    @Test
    fun `a four-stage recipe runs and every snapshot is probed`() {
        val run = experiment("four-stages") {
            model { bert(modelDir) }
            data { conllu(treebank) }
            task = column(TinyWorld.LEARNABLE_COLUMN)
            layers(0..2)
            probes { linear(); quick = true; seeds = 1 }
            stages {
                pretrain("text:$text") { architecture(layers = 2, hidden = 32, heads = 2); batchSize = 8; learningRate = 1e-3 }
                domainTransfer("text:$text") { maskPolicy = wholeWord; batchSize = 8 }
                taskTransfer { maskPolicy = static(2); batchSize = 8 }
                fineTune(task = column(TinyWorld.LEARNABLE_COLUMN)) { epochs = 1; batchSize = 16; learningRate = 1e-3 }
            }
        }.run(runsDir = dir.resolve("runs"), cacheDir = dir.resolve("cache"))
        val stages = listOf("01-pretrain", "02-domain-transfer", "03-task-transfer", "04-finetune-column-10")
        assertEquals(listOf(ExperimentResult.PRETRAINED) + stages, run.result.stageNames())
        for (name in run.result.stageNames()) {
            assertEquals(listOf(0, 1, 2), run.result.at(name).of(ProbeKind.LINEAR).map { it.layer }, name)
        }
        for (outcome in run.result.stages.take(3)) {
            assertTrue(outcome.training.evaluations.isNotEmpty(), outcome.stage)
            assertEquals(outcome.training.snapshotChecksum,
                ModelStore.load(outcome.snapshot, dir.resolve("cache")).checksum())
        }
        assertTrue("03-task-transfer" in run.trainingCurves().toSvg())
    }
}
