package org.probelab.cli

import com.fasterxml.jackson.databind.ObjectMapper
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.probelab.data.ConllU
import org.probelab.data.Sentence
import org.probelab.model.ComputePrecision
import org.probelab.model.DeviceOptions
import org.probelab.testing.TinyWorld
import java.nio.file.Files
import java.nio.file.Path

/** The `probe` command end to end on a tiny random model, as a user runs it. */
class ProbeCommandTest {
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
            data = TinyWorld.treebank(dir.resolve("tiny.conllu"), 200, 5)
        }
    }


    private fun common() = arrayOf("--model", model.toString(), "--data", "conllu:$data",
        "--runs", dir.resolve("runs").toString(), "--cache", dir.resolve("cache").toString())

    @Test
    fun `prints a per-layer table and writes spec and results`() {
        val r = probelab("probe", *common(), "--task", "column:${TinyWorld.LEARNABLE_COLUMN}", "--layers", "0-2",
            "--probes", "linear", "--quick")
        assertEquals(0, r.code, r.err)
        assertTrue(r.out.contains("task column:${TinyWorld.LEARNABLE_COLUMN} (counting from 0)"), r.out)
        val rows = r.out.lines().filter { it.matches(Regex("""^[0-2]\s+[01]\.\d{4}.*""")) }
        assertEquals(3, rows.size, r.out)
        val resultsLine = r.out.lines().first { it.startsWith("results: ") }
        val results = Path.of(resultsLine.removePrefix("results: "))
        val json = ObjectMapper().readTree(results.toFile())
        assertEquals(3, json["scores"].size())
        assertEquals("LINEAR", json["scores"][0]["result"]["kind"].asText())
        assertEquals(model.toString(), json["provenance"]["modelId"].asText())
        assertTrue(Files.exists(results.resolveSibling("spec.json")))
    }

    @Test
    fun `--task genre probes the genre each sentence id starts with, and ids without one are one line`() {
        val genres = listOf("answers", "email", "reviews")
        val withGenres = ConllU.read(data).mapIndexed { i, s -> Sentence("${genres[i % 3]}-doc$i-0001", s.source(), s.words(), null) }
        val file = dir.resolve("genres.conllu").also { ConllU.write(withGenres, it) }
        val r = probelab("probe", "--model", model.toString(), "--data", "conllu:$file", "--runs", dir.resolve("runs-genre").toString(),
            "--cache", dir.resolve("cache-genre").toString(), "--task", "genre", "--layers", "1", "--probes", "linear", "--quick")
        assertEquals(0, r.code, r.err)
        assertTrue(r.out.contains("task genre, [CLS] pooling"), r.out)
        val results = ObjectMapper().readTree(Path.of(r.out.lines().first { it.startsWith("results: ") }.removePrefix("results: ")).toFile())
        assertEquals("genre", results["spec"]["task"].asText())
        val test = results["scores"][0]["result"]["seedEvaluations"][0]
        assertEquals(withGenres.size / 10, test["n"].asInt(), test.toString())   // one row per test sentence
        assertEquals(genres, test["labels"].map { it.asText() }.sorted())

        val bad = probelab("probe", *common(), "--task", "genre", "--layers", "1", "--probes", "linear", "--quick")
        assertEquals(1, bad.code, bad.out)
        assertTrue("sentence ids that start with a genre and a dash" in bad.err.lines().first(), bad.err)
        assertFalse("\tat " in bad.err, "no stack trace: " + bad.err)
    }

    /** One quick run with [flag] on its own cache: its results and the manifest of the vectors it extracted. */
    private fun runWith(name: String, vararg flag: String): Pair<com.fasterxml.jackson.databind.JsonNode, String> {
        val cache = dir.resolve("cache-$name")
        val r = probelab("probe", "--model", model.toString(), "--data", "conllu:$data", "--runs", dir.resolve("runs-$name").toString(),
            "--cache", cache.toString(), "--task", "column:${TinyWorld.LEARNABLE_COLUMN}", "--layers", "1", "--probes", "linear",
            "--quick", *flag)
        assertEquals(0, r.code, r.err)
        val results = ObjectMapper().readTree(Path.of(r.out.lines().first { it.startsWith("results: ") }.removePrefix("results: ")).toFile())
        val entries = Files.list(cache.resolve("representations")).use { it.filter(Files::isDirectory).toList() }
        return results to Files.readString(entries.single().resolve("manifest.json"))
    }

    @Test
    fun `--pooling reaches the extraction`() {
        assertTrue("pooling FIRST" in runWith("pooling", "--pooling", "first").second)
        assertTrue("pooling MEAN" in runWith("pooling-default").second)
    }

    @Test
    fun `--sentence-pooling reaches the extraction settings`() {
        // word vectors do not depend on it (the cache keys word entries by word pooling only), so the run's spec shows it
        val (results, _) = runWith("sentence-pooling", "--sentence-pooling", "mean")
        assertEquals("MEAN", results["spec"]["extraction"]["sentencePooling"].asText(), results["spec"].toString())
    }

    @Test
    fun `--float16 stores the vectors as float16`() {
        val manifest = runWith("float16", "--float16").second
        assertTrue("precision FLOAT16" in manifest, manifest)
        val files = Files.walk(dir.resolve("cache-float16")).use { paths -> paths.map { it.fileName.toString() }.toList() }
        assertTrue(files.any { it.endsWith(".f16") } && files.none { it.endsWith(".f32") }, files.toString())
    }

    @Test
    fun `--seeds sets the seeds each probe is trained with`() {
        val (results, _) = runWith("seeds", "--seeds", "3")
        assertEquals(3, results["scores"][0]["result"]["seedEvaluations"].size())
    }

    @Test
    fun `--threads reaches the TensorFlow session options`() {
        val (results, _) = runWith("threads", "--threads", "1")
        assertTrue(results["provenance"]["device"].asText().startsWith("cpu, 1 intra-op"), results["provenance"].toString())
    }

    @Test
    fun `bf16 reaches the model where the CPU has it, and the provenance says which ran`() {
        val r = probelab("probe", *common(), "--task", "column:${TinyWorld.LEARNABLE_COLUMN}", "--layers", "1",
            "--probes", "linear", "--quick", "--precision", "bf16")
        assertEquals(0, r.code, r.err)
        val results = Path.of(r.out.lines().first { it.startsWith("results: ") }.removePrefix("results: "))
        val device = ObjectMapper().readTree(results.toFile())["provenance"]["device"].asText()
        if (ComputePrecision.cpuHasBf16()) {
            assertTrue(device.endsWith(", bf16"), device)
        } else {
            assertTrue(device.endsWith(", float32"), device)
            assertTrue(r.err.contains(DeviceOptions.NO_BF16_CPU), "the fallback is said: " + r.err)
        }
    }

    @Test
    fun `control and mdl add selectivity and codelength columns`() {
        val r = probelab("probe", *common(), "--task", "column:${TinyWorld.LEARNABLE_COLUMN}", "--layers", "0",
            "--probes", "mlp", "--quick", "--control", "shuffled-tokens", "--mdl")
        assertEquals(0, r.code, r.err)
        assertTrue(r.out.lines().any { it.startsWith("layer") && "select." in it && "compr." in it }, r.out)
        val row = r.out.lines().first { it.matches(Regex("""^0\s+[01]\.\d{4}.*""")) }.split(Regex("\\s+"))
        assertEquals(8, row.size, "layer, acc, std, F1, control, selectivity, kbit, compression: $row")
        assertTrue(row[5].toDouble() > 0.5, "selectivity of a learnable column against shuffled tokens: $row")
    }

    @Test
    fun `a layer the model lacks is one readable line and exit code 1`() {
        val r = probelab("probe", *common(), "--task", "column:${TinyWorld.LEARNABLE_COLUMN}", "--layers", "7", "--quick")
        assertEquals(1, r.code)
        assertTrue(r.err.contains("hidden states 0..2"), r.err)
        assertTrue(!r.err.contains("\tat "), "stack trace printed: " + r.err)
    }

    @Test
    fun `an empty train split is named by its file before the model is loaded, and leaves no run`() {
        val split = Files.createDirectories(dir.resolve("no-train"))
        Files.writeString(split.resolve("x-train.conllu"), "")
        Files.copy(data, split.resolve("x-dev.conllu"))
        Files.copy(data, split.resolve("x-test.conllu"))
        val runs = dir.resolve("runs-no-train")
        // a model that does not exist: had it been loaded first, the error would be about the model
        val r = probelab("probe", "--model", dir.resolve("no-such-model").toString(), "--data", "conllu:$split",
            "--runs", runs.toString(), "--cache", dir.resolve("cache").toString())
        assertEquals(1, r.code, r.err)
        assertTrue(r.message.contains("the train split of conllu:$split (${split.resolve("x-train.conllu")}) has no sentences"),
            r.message)
        assertFalse(Files.exists(runs), "a failed run left ${runs.toFile().list()?.toList()}")
    }

    @Test
    fun `a missing data file names what to change`() {
        val runs = dir.resolve("runs-missing")
        val missing = probelab("probe", "--data", "conllu:/no/such/file.conllu", "--model", model.toString(),
            "--runs", runs.toString(), "--cache", dir.resolve("cache").toString())
        assertEquals(1, missing.code)
        assertTrue(missing.err.contains("/no/such/file.conllu"), missing.err)
        assertFalse(Files.exists(runs), "a failed run left a run directory")
    }
}
