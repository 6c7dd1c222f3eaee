package org.probelab.dsl

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.probelab.Progress
import org.probelab.testing.TinyWorld
import java.nio.file.Path

/**
 * Probing three tasks on the same three models (the pretrained one and two fine-tuned snapshots)
 * extracts each model's vectors once: 3 extractions, not 9, because the cache holds one entry per
 * model snapshot and data that every task reads.
 */
class StagedVectorsShareTest {
    /** Counts finished extractions of the test split: one per cache entry written. */
    private class ExtractionCounter : Progress {
        var extractions = 0

        override fun update(task: String, done: Long, total: Long) {
            if (task == "extract test" && total > 0 && done == total) extractions++
        }
    }

    @Test
    fun `three tasks probed across three stages extract three times`(@TempDir dir: Path) {
        val modelDir = TinyWorld.model(dir, 3)
        val treebank = TinyWorld.treebank(dir.resolve("tiny.conllu"), 60, 5)
        val counter = ExtractionCounter()
        val probed = mutableListOf<List<String>>()
        for ((i, probedTask) in listOf(TaskSpec.Column(TinyWorld.LEARNABLE_COLUMN), TaskSpec.Dep,
            TaskSpec.Column(TinyWorld.SHUFFLED_COLUMN)).withIndex()) {
            val run = experiment("shared-$i") {
                model { bert(modelDir) }
                data { conllu(treebank) }
                task = probedTask
                layers(0..2)
                probes { linear(); quick = true; seeds = 1 }
                stages {
                    fineTune(task = column(TinyWorld.LEARNABLE_COLUMN)) { epochs = 1; batchSize = 16; learningRate = 1e-3 }
                    fineTune(task = dep) { epochs = 1; batchSize = 16; learningRate = 1e-3 }
                }
            }.run(runsDir = dir.resolve("runs"), cacheDir = dir.resolve("cache"), progress = counter)
            probed += run.result.stageNames().map { run.result.at(it).provenance.representationKey }
        }
        assertEquals(3, counter.extractions)
        assertEquals(3, probed.flatten().distinct().size, "one cache entry per model: $probed")
        assertEquals(probed[0], probed[2])
    }
}
