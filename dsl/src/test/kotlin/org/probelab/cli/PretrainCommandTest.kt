package org.probelab.cli

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.probelab.testing.TinyWorld
import org.probelab.train.Stages
import java.nio.file.Files
import java.nio.file.Path

/** `probelab pretrain` runs a four-stage recipe, each snapshot a model directory; bad settings are usage errors. */
class PretrainCommandTest {
    companion object {
        @TempDir
        @JvmStatic
        lateinit var dir: Path
        lateinit var model: Path
        lateinit var data: Path
        lateinit var text: Path

        @BeforeAll
        @JvmStatic
        fun world() {
            model = TinyWorld.model(dir, 3)
            data = TinyWorld.treebank(dir.resolve("tiny.conllu"), 60, 5)
            val words = TinyWorld.words()
            text = Files.write(dir.resolve("domain.txt"), (0 until 40).map { line ->
                (0 until 8).joinToString(" ") { words[(line + it) % words.size] }
            })
        }
    }

    private fun common() = arrayOf("--model", model.toString(), "--data", "conllu:$data",
        "--runs", dir.resolve("runs").toString(), "--cache", dir.resolve("cache").toString())

    @Test
    fun `a four-stage recipe runs and writes a snapshot per stage`() {
        val r = probelab("pretrain", *common(), "--pretrain", "text:$text", "--architecture", "2x32",
            "--domain", "text:$text", "--task-transfer", "--fine-tune", "column:${TinyWorld.LEARNABLE_COLUMN}",
            "--mask-policy", "whole-word", "--mlm-batch-size", "8")
        assertEquals(0, r.code, r.err)
        for (stage in listOf("pretrain", "domain-transfer", "task-transfer")) {
            // Ending in fine-tuning, every masked-LM stage scored a probe on its task and kept its best checkpoint.
            assertTrue(Regex("""$stage: \d+ steps, held-out loss \d+\.\d{4} \(perplexity [\d.]+\), """ +
                """column:10 probe dev accuracy [01]\.\d{4} at step \d+""").containsMatchIn(r.out), r.out)
        }
        assertTrue(Regex("""finetune-column-10: \d+ steps, dev accuracy [01]\.\d{4}""").containsMatchIn(r.out), r.out)
        val snapshots = Regex("snapshot: (.*)").findAll(r.out).map { Path.of(it.groupValues[1].trim()) }.toList()
        assertEquals(4, snapshots.size, r.out)
        snapshots.forEach { assertTrue(Files.isRegularFile(it.resolve(Stages.RESULT_FILE)), it.toString()) }
    }

    @Test
    fun `impossible settings are usage errors naming them`() {
        val rate = probelab("pretrain", *common(), "--domain", "text:$text", "--mask-rate", "1.5")
        assertEquals(2, rate.code, rate.err)
        assertTrue("maskRate must be between 0 and 1" in rate.message, rate.message)
        val none = probelab("pretrain", *common())
        assertEquals(2, none.code, none.err)
        assertTrue("name at least one stage" in none.message, none.message)
        val policy = probelab("pretrain", *common(), "--task-transfer", "--mask-policy", "random")
        assertEquals(2, policy.code, policy.err)
        assertTrue("--mask-policy is dynamic, static, whole-word or selective" in policy.message, policy.message)
        val scratch = probelab("pretrain", *common(), "--pretrain", "text:$text", "--mask-policy", "selective")
        assertEquals(2, scratch.code, scratch.err)
        assertTrue("pretrain starts from fresh weights" in scratch.message, scratch.message)
        val data = probelab("pretrain", *common(), "--task-transfer", "--selective-data", "demo")
        assertEquals(2, data.code, data.err)
        assertTrue("--selective-data goes with --mask-policy selective" in data.message, data.message)
    }

    @Test
    fun `selective masking fine-tunes its classifier on the sentence labels first`() {
        // The treebank has no sentence labels: the classifier's fine-tuning, the stage's first step, says so.
        val r = probelab("pretrain", *common(), "--task-transfer", "--mask-policy", "selective")
        assertEquals(1, r.code, r.err)
        assertTrue("task sentence cannot be served by data set" in r.message, r.message)
    }
}
