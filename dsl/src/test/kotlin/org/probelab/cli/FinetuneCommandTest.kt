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

/** `probelab finetune` writes a snapshot that `probelab probe --model` reads; bad settings are usage errors. */
class FinetuneCommandTest {
    companion object {
        @TempDir
        @JvmStatic
        lateinit var dir: Path
        lateinit var model: Path
        lateinit var data: Path

        @BeforeAll
        @JvmStatic
        fun world() {
            model = TinyWorld.model(dir, 3)
            data = TinyWorld.treebank(dir.resolve("tiny.conllu"), 60, 5)
        }
    }

    private fun common() = arrayOf("--model", model.toString(), "--data", "conllu:$data",
        "--task", "column:${TinyWorld.LEARNABLE_COLUMN}", "--runs", dir.resolve("runs").toString(),
        "--cache", dir.resolve("cache").toString())

    @Test
    fun `fine-tunes, writes a snapshot, and the snapshot can be probed`() {
        val r = probelab("finetune", *common(), "--epochs", "1", "--batch-size", "16", "--learning-rate", "1e-3")
        assertEquals(0, r.code, r.err)
        val snapshot = Path.of(Regex("snapshot: (.*)").find(r.out)!!.groupValues[1].trim())
        assertTrue(Files.isRegularFile(snapshot.resolve("model.safetensors")), r.out)
        assertTrue(Files.isRegularFile(snapshot.resolve(Stages.RESULT_FILE)), r.out)
        assertTrue(Regex("""finetune-column-10: \d+ steps, dev accuracy [01]\.\d{4}""").containsMatchIn(r.out), r.out)

        val probed = probelab("probe", "--model", snapshot.toString(), "--data", "conllu:$data",
            "--task", "column:${TinyWorld.LEARNABLE_COLUMN}", "--layers", "2", "--probes", "linear", "--quick",
            "--runs", dir.resolve("runs").toString(), "--cache", dir.resolve("cache").toString())
        assertEquals(0, probed.code, probed.err)
    }

    @Test
    fun `an impossible setting is a usage error naming it`() {
        val r = probelab("finetune", *common(), "--layer-decay", "1.5")
        assertEquals(2, r.code, r.err)
        assertTrue("layerDecay" in r.message && "(0, 1]" in r.message, r.message)
    }
}
