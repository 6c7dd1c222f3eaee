package org.probelab.dsl

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.probelab.geometry.MeanCosine
import org.probelab.model.ModelStore
import org.probelab.probe.ProbeKind
import org.probelab.testing.TinyWorld
import org.probelab.data.Split
import org.probelab.train.Stages
import java.nio.file.Files
import java.nio.file.Path

/** An experiment with a fine-tuning stage: probes before and after, results by stage, the comparison figures. */
class StagedRunTest {
    companion object {
        @TempDir
        @JvmStatic
        lateinit var dir: Path
        lateinit var spec: ExperimentSpec
        lateinit var run: Run

        @BeforeAll
        @JvmStatic
        fun world() {
            val modelDir = TinyWorld.model(dir, 3)
            val treebank = TinyWorld.treebank(dir.resolve("tiny.conllu"), 120, 5)
            spec = experiment("staged") {
                model { bert(modelDir) }
                data { conllu(treebank) }
                task = column(TinyWorld.LEARNABLE_COLUMN)
                layers(0..2)
                probes { linear(); quick = true; seeds = 1 }
                stages {
                    fineTune(task = column(TinyWorld.LEARNABLE_COLUMN)) {
                        epochs = 2; batchSize = 16; learningRate = 1e-3; layerDecay = 1.0
                    }
                }
            }
            run = spec.run(runsDir = dir.resolve("runs"), cacheDir = dir.resolve("cache"))
        }
    }

    @Test
    fun `the probes run on the pretrained model and on the snapshot, indexed by stage`() {
        val stage = "01-finetune-column-10"
        assertEquals(listOf(ExperimentResult.PRETRAINED, stage), run.result.stageNames())
        for (name in run.result.stageNames()) {
            assertEquals(listOf(0, 1, 2), run.result.at(name).of(ProbeKind.LINEAR).map { it.layer }, name)
        }
        val outcome = run.result.stage("finetune-column-10")
        assertEquals(outcome.training.snapshotChecksum, outcome.result.provenance.modelChecksum)
        assertEquals(outcome.result.score(1, ProbeKind.LINEAR), run.result.score(stage, 1, ProbeKind.LINEAR))
        assertTrue(outcome.training.steps > 0)
        assertTrue(outcome.training.bestDevAccuracy > 0.5, "head dev accuracy ${outcome.training.bestDevAccuracy}")
        assertTrue(Files.isRegularFile(run.dir.resolve("engine/stages/$stage/results.json")))
        val loaded = Run.load(run.dir, dir.resolve("cache"))
        assertEquals(run.result.stages.map { it.training }, loaded.result.stages.map { it.training })
        for (name in run.result.stageNames()) {
            assertEquals(run.result.at(name).scores, loaded.result.at(name).scores, name)
        }
    }

    @Test
    fun `the snapshot is a model directory bert(dir) declares and the model store loads`() {
        val snapshot = Path.of(run.result.stages.single().snapshot)
        val again = experiment("probe-snapshot") { model { bert(snapshot) } }
        assertEquals(snapshot.toString(), again.model.source)
        val loaded = ModelStore.load(snapshot.toString(), dir.resolve("cache"))
        assertEquals(run.result.stages.single().training.snapshotChecksum, loaded.checksum())
    }

    @Test
    fun `the comparisons draw every stage, the change per layer and the training curves`() {
        val byStage = run.accuracyByStage().toSvg()
        assertTrue("pretrained" in byStage && "01-finetune-column-10" in byStage)
        // the task as results describe it (a sentence task with its pooling), in the title of both figures
        assertTrue("column:10 (counting from 0)" in byStage, byStage.take(400))
        val change = run.layerChange().toSvg()
        assertTrue("mean cosine" in change && "column:10 (counting from 0)" in change, change.take(400))
        val top = MeanCosine.between(run.vectors(2, Split.TEST), run.vectors(2, Split.TEST, "01-finetune-column-10"))
        assertTrue(top < 0.999, "fine-tuning left the top layer unchanged: mean cosine $top")
        assertTrue("training curves" in run.trainingCurves().toSvg())
    }

    @Test
    fun `running the spec again reuses the snapshot instead of training again`() {
        val result = run.dir.resolve("stages/01-finetune-column-10").resolve(Stages.RESULT_FILE)
        val before = Files.getLastModifiedTime(result)
        val again = spec.run(runsDir = dir.resolve("runs"), cacheDir = dir.resolve("cache"))
        assertEquals(before, Files.getLastModifiedTime(result))
        assertEquals(run.result.stages.map { it.training }, again.result.stages.map { it.training })
    }
}
