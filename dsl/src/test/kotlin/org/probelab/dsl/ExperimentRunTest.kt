package org.probelab.dsl

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.probelab.dsl.plots.SvgMarks
import org.probelab.probe.ProbeKind
import org.probelab.testing.TinyWorld
import org.probelab.data.Split
import java.awt.Color
import java.io.UncheckedIOException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.FileTime
import kotlin.io.path.name

/** An experiment declared, run, stored, reloaded and resumed on a tiny random BERT. */
class ExperimentRunTest {
    companion object {
        @TempDir
        @JvmStatic
        lateinit var dir: Path
        lateinit var modelDir: Path
        lateinit var treebank: Path
        lateinit var spec: ExperimentSpec
        lateinit var run: Run

        @BeforeAll
        @JvmStatic
        fun world() {
            modelDir = TinyWorld.model(dir, 3)
            treebank = TinyWorld.treebank(dir.resolve("tiny.conllu"), 200, 5)
            spec = tiny("tiny-column") { layers(0..2) }
            run = spec.run(runsDir = dir.resolve("runs"), cacheDir = dir.resolve("cache"))
        }

        fun tiny(name: String, choose: ExperimentBuilder.() -> Unit) = experiment(name) {
            model { bert(modelDir) }
            data { conllu(treebank) }
            task = column(TinyWorld.LEARNABLE_COLUMN)
            probes { mlp(); linear(); quick = true; seeds = 2 }
            choose()
        }

        fun files(root: Path): List<Path> =
            Files.walk(root).use { paths -> paths.filter { Files.isRegularFile(it) }.toList() }
    }

    @Test
    fun `a run keeps its spec at the top and core's files, with the one results file, under engine`() {
        assertEquals(dir.resolve("runs").resolve(spec.runDirectoryName()), run.dir)
        assertEquals(spec, ExperimentSpec.fromJson(Files.readString(run.dir.resolve(Run.SPEC_FILE))))
        val engine = run.dir.resolve(Run.ENGINE_DIR)
        assertEquals(engine.resolve("results.json"), run.dir.resolve(Run.RESULTS_FILE))
        assertEquals(listOf(engine.resolve("results.json")), files(run.dir).filter { it.name == "results.json" })
        val steps = files(engine.resolve("steps")).map { it.name }.sorted()
        assertEquals(listOf(0, 1, 2).flatMap { listOf("layer-0$it-linear.json", "layer-0$it-mlp.json") }, steps)
        assertFalse(files(run.dir).any { it.name.endsWith(".part") }, "a temporary file was left behind")
    }

    @Test
    fun `every probed layer is scored by both probes, and the MLP learns the learnable column`() {
        assertEquals(listOf(0, 1, 2), run.result.of(ProbeKind.MLP).map { it.layer })
        assertEquals(listOf(0, 1, 2), run.result.of(ProbeKind.LINEAR).map { it.layer })
        // Quick mode's few steps leave the linear probe undertrained on this little data; the MLP gets there.
        for (score in run.result.of(ProbeKind.MLP)) {
            assertTrue(score.accuracy.mean > 0.9, "${score.subject}: ${score.accuracy}")
        }
        for (score in run.result.scores) {
            assertEquals(listOf(1L, 2L), score.seeds.map { it.seed })
            assertEquals((0 until TinyWorld.CLASSES).map { "c$it" }.toSet(), score.confusion.labels.toSet())
        }
    }

    @Test
    fun `provenance names the model, the data and the seeds`() {
        val p = run.result.provenance
        assertEquals(modelDir.toString(), p.modelId)
        assertTrue(p.modelChecksum.matches(Regex("[0-9a-f]{64}")), p.modelChecksum)
        assertTrue(p.dataChecksum.matches(Regex("[0-9a-f]+")), p.dataChecksum)
        assertEquals(listOf("train", "dev", "test"), p.rows.keys.toList())
        assertTrue(p.rows.values.all { it > 0 }, p.rows.toString())
        assertEquals(listOf(1L, 2L), p.seeds)
        assertEquals(setOf("load", "extract", "probe"), p.seconds.keys)
    }

    @Test
    fun `a loaded run equals the run that wrote it`() {
        val loaded = Run.load(run.dir)
        assertEquals(run.spec, loaded.spec)
        assertEquals(run.result, loaded.result)
        assertEquals(run.dir, loaded.dir)
    }

    @Test
    fun `accuracy by layer is one curve per probe kind with error bars over seeds`() {
        val curves = run.accuracyByLayer()
        assertEquals(listOf("mlp", "linear"), curves.map { it.label })
        for ((curve, kind) in curves.zip(listOf(ProbeKind.MLP, ProbeKind.LINEAR))) {
            assertEquals(listOf(0, 1, 2), curve.layers)
            assertEquals(run.result.of(kind).map { it.accuracy.mean }, curve.mean)
            assertEquals(run.result.of(kind).map { it.accuracy.std }, curve.std)
        }
    }

    @Test
    fun `the confusion figure shows the task's labels and an unprobed layer is named`() {
        val marks = SvgMarks(run.confusion(2, ProbeKind.LINEAR).toSvg())
        val labels = run.result.score(2, ProbeKind.LINEAR)!!.confusion.labels
        assertEquals(labels.sorted(), marks.texts("axis-text-x").sorted())
        assertEquals(listOf("tiny-column: layer 2 linear, test confusion (seed 1)"), marks.texts("plot-title"))
        val e = assertThrows(IllegalArgumentException::class.java) { run.confusion(5, ProbeKind.MLP) }
        assertTrue("layer 5" in e.message!! && "[0, 1, 2]" in e.message!!, e.message)
    }

    @Test
    fun `a run's vectors are the cached rows its probes were tested on, labelled with the task's labels`() {
        val test = run.vectors(2)
        assertEquals(run.result.provenance.rows["test"], test.rows().toLong())
        assertEquals(32, test.dim())
        val tested = run.result.score(2, ProbeKind.MLP)!!.confusion.counts.sumOf { it.sum() }
        assertEquals(tested, test.rows())
        assertEquals(run.result.provenance.rows["train"], run.vectors(0, Split.TRAIN).rows().toLong())
    }

    @Test
    fun `the pca figure draws at most maxPoints items and a centroid per label`() {
        val labels = run.vectors(1).labels().toSet()
        val circles = SvgMarks(run.pca(1, maxPoints = 50).toSvg()).panel("circle")
        val centroids = circles.filter { SvgMarks.stroke(it) == Color.BLACK }
        assertEquals(labels.size, centroids.size)
        assertEquals(50, circles.size - centroids.size)
        fun positions() = SvgMarks(run.pca(1, maxPoints = 50).toSvg()).panel("circle").map { it.getAttribute("cx") to it.getAttribute("cy") }
        assertEquals(positions(), positions(), "the sample and the projection are fixed")
    }

    @Test
    fun `vectors of a run loaded with another cache dir fail naming the cache and what to do`() {
        val elsewhere = Run.load(run.dir, cacheDir = dir.resolve("empty-cache"))
        val e = assertThrows(UncheckedIOException::class.java) { elsewhere.vectors(0) }
        assertTrue("empty-cache" in e.message!! && "run the spec again" in e.message!!, e.message)
    }

    @Test
    fun `compare draws a line per run and probe, telling same-named runs apart by directory`() {
        val renamed = Run(dir.resolve("elsewhere"), spec.copy(name = "other-model"), run.result, run.cacheDir)
        assertEquals(
            listOf("tiny-column · mlp", "tiny-column · linear", "other-model · mlp", "other-model · linear"),
            SvgMarks(compare(run, renamed).toSvg()).texts("legend-item"),
        )

        val twin = Run(dir.resolve("twin-0000"), spec, run.result, run.cacheDir)
        assertEquals(
            listOf("${run.dir.name} · mlp", "${run.dir.name} · linear", "twin-0000 · mlp", "twin-0000 · linear"),
            SvgMarks(compare(run, twin).toSvg()).texts("legend-item"),
        )
    }

    @Test
    fun `a rerun of the same spec recomputes only the step that is missing`() {
        val runs = dir.resolve("runs-resumed")
        val copy = runs.resolve(run.dir.name)
        for (file in files(run.dir)) {
            val target = copy.resolve(run.dir.relativize(file).toString())
            Files.createDirectories(target.parent)
            Files.copy(file, target)
        }
        val steps = copy.resolve(Run.ENGINE_DIR).resolve("steps")
        val old = FileTime.fromMillis(1_000)
        files(steps).forEach { Files.setLastModifiedTime(it, old) }
        val lost = steps.resolve("layer-01-mlp.json")
        Files.delete(lost)

        val rerun = spec.run(runsDir = runs, cacheDir = dir.resolve("cache"))

        assertEquals(copy, rerun.dir)
        assertTrue(Files.exists(lost), "the missing step was not redone")
        val untouched = files(steps).filter { it != lost }
        assertEquals(5, untouched.size)
        untouched.forEach { assertEquals(old, Files.getLastModifiedTime(it), "${it.name} was recomputed") }
        assertEquals(run.result.scores, rerun.result.scores)
    }

    @Test
    fun `a layer the model lacks fails when it runs and leaves no run directory behind`() {
        val bad = tiny("too-deep") { layers(3) }
        val e = assertThrows(IllegalArgumentException::class.java) {
            bad.run(runsDir = dir.resolve("runs"), cacheDir = dir.resolve("cache"))
        }
        assertTrue(e.message!!.startsWith("layers: ") && "0..2" in e.message!!, e.message)

        val unfinished = dir.resolve("runs").resolve(bad.runDirectoryName())
        assertFalse(Files.exists(unfinished), "a failed run left $unfinished")
        val load = assertThrows(IllegalArgumentException::class.java) { Run.load(unfinished) }
        assertTrue("spec.json is missing" in load.message!!, load.message)
    }
}
