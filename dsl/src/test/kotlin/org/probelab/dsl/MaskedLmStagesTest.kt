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
import org.probelab.train.Distillation
import org.probelab.train.FineTuneSettings
import org.probelab.train.MlmSettings
import org.probelab.train.MlmSpec
import org.probelab.train.mlm.DynamicMasking
import org.probelab.train.mlm.MaskRule
import org.probelab.train.mlm.StaticMasking
import org.probelab.train.mlm.WholeWordMasking
import org.probelab.train.selective.SelectiveMaskingSpec
import java.nio.file.Files
import java.nio.file.Path

/**
 * `stages { pretrain(...); domainTransfer(corpus) { maskPolicy = wholeWord }; taskTransfer(); fineTune(task) }`,
 * `maskPolicy = selective(...)` and `selfDistill { }`: core's settings, declaration errors naming the field, and a
 * five-stage recipe run on a tiny model.
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
    fun `selective masking and self-distillation are declared in the recipe`() {
        val exp = experiment("selective") {
            data { demoTreebank(sentences = 100) }
            stages {
                domainTransfer("text:$text") { maskPolicy = selective(delta = 0.05) { epochs = 1; batchSize = 16 } }
                fineTune(task = pos)
                selfDistill { temperature = 4.0; epochs = 2 }
                selfDistill()
            }
        }
        val domain = (exp.stages[0] as MaskedLmStageSpec).spec()
        val tuning = FineTuneSettings.DEFAULTS.toBuilder().epochs(1).batchSize(16).build()
        assertEquals(SelectiveMaskingSpec("sentence", null, 0.05, tuning), domain.selective())
        assertEquals(DynamicMasking(), domain.settings().maskPolicy())
        val distill = (exp.stages[2] as SelfDistillStageSpec).spec()
        assertEquals(Distillation(4f, 0.5f), distill.distillation())
        assertEquals(FineTuneSettings.DEFAULTS.toBuilder().epochs(2).build(), distill.settings())
        assertEquals(null, distill.student())
        assertEquals(Distillation.DEFAULTS, (exp.stages[3] as SelfDistillStageSpec).spec().distillation())
        assertEquals(exp, ExperimentSpec.fromJson(exp.toJson()))
        assertTrue("\"selective\"" in exp.toJson() && "\"self-distill\"" in exp.toJson(), exp.toJson())
    }

    @Test
    fun `impossible selective and self-distillation declarations are rejected naming the field`() {
        rejected("domainTransfer.maskPolicy", "sentence task") {
            stages { domainTransfer("text:$text") { maskPolicy = selective(task = pos) } }
        }
        rejected("domainTransfer.maskPolicy", "delta must be in (0, 1)") {
            stages { domainTransfer("text:$text") { maskPolicy = selective(delta = 1.5) } }
        }
        rejected("taskTransfer.selective.epochs", "at least 1") {
            stages { taskTransfer { maskPolicy = selective { epochs = 0 } } }
        }
        rejected("pretrain.maskPolicy", "pretrain starts from fresh weights") {
            stages { pretrain("text:$text") { maskPolicy = selective() } }
        }
        rejected("stages[0].maskPolicy", "needs sentence labels") {
            data { ud("en_ewt") }
            stages { domainTransfer("text:$text") { maskPolicy = selective() } }
        }
        rejected("stages[0]", "put fineTune(task = ...) first") { stages { selfDistill() } }
        rejected("stages[1]", "fine-tuned teacher") { stages { taskTransfer(); selfDistill() } }
        rejected("selfDistill.alpha", "in [0, 1]") { stages { fineTune(task = pos); selfDistill { alpha = 1.5 } } }
        rejected("selfDistill.temperature", "positive") {
            stages { fineTune(task = pos); selfDistill { temperature = 0.0 } }
        }
        rejected("selfDistill.epochs", "at least 1") { stages { fineTune(task = pos); selfDistill { epochs = 0 } } }
    }

    @Test
    fun `a four-stage recipe and self-distillation run and every snapshot is probed`() {
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
                selfDistill { epochs = 1; batchSize = 16; learningRate = 1e-3 }
            }
        }.run(runsDir = dir.resolve("runs"), cacheDir = dir.resolve("cache"))
        val stages = listOf("01-pretrain", "02-domain-transfer", "03-task-transfer", "04-finetune-column-10",
            "05-self-distill")
        assertEquals(listOf(ExperimentResult.PRETRAINED) + stages, run.result.stageNames())
        for (name in run.result.stageNames()) {
            assertEquals(listOf(0, 1, 2), run.result.at(name).of(ProbeKind.LINEAR).map { it.layer }, name)
        }
        for (outcome in run.result.stages.take(3)) {
            assertTrue(outcome.training.evaluations.isNotEmpty(), outcome.stage)
            // The recipe ends in fine-tuning: every masked-LM evaluation scored a probe on its task.
            assertTrue(outcome.training.evaluations.all { it.downstreamDevAccuracy!! in 0.0..1.0 }, outcome.stage)
            assertEquals(outcome.training.snapshotChecksum,
                ModelStore.load(outcome.snapshot, dir.resolve("cache")).checksum())
        }
        assertTrue("03-task-transfer" in run.trainingCurves().toSvg())
    }
}
