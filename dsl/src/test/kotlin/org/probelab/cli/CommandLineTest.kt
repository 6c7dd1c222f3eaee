package org.probelab.cli

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.probelab.model.ComputePrecision
import org.probelab.probe.ProbingSpec
import picocli.CommandLine.TypeConversionException

/** Parsing, help and usage errors of the command line, without running the engine. */
class CommandLineTest {
    /** The options of `probe` as the spec they make, parsed but not run. */
    private fun probeSpec(vararg argv: String): ProbingSpec {
        val parsed = commandLine().parseArgs("probe", *argv)
        return (parsed.subcommand().commandSpec().userObject() as ProbeCommand).spec()
    }

    @Test
    fun `values in both spellings, flags and defaults make the spec`() {
        val spec = probeSpec("--data", "demo:50", "--task=dep", "--quick", "--probes", "linear")
        assertEquals("demo:50", spec.data())
        assertEquals("dep", spec.task())
        assertTrue(spec.quick())
        assertEquals(ProbingSpec.quickstart().model(), spec.model())
        assertEquals(0, spec.seeds())
        assertEquals(listOf(org.probelab.probe.ProbeKind.LINEAR), spec.probes())
    }

    @Test
    fun `precision sets the forward's arithmetic, float32 by default`() {
        assertEquals(ComputePrecision.BF16, probeSpec("--precision", "bf16").extraction().compute())
        assertEquals(ComputePrecision.FLOAT32, probeSpec().extraction().compute())
    }

    @Test
    fun `control takes a task id, a bare flag means word types, and mdl is a flag`() {
        assertEquals(null, probeSpec().control())
        assertEquals(org.probelab.probe.ControlTask.WORD_TYPES, probeSpec("--control").control())
        assertEquals(org.probelab.probe.ControlTask.SHUFFLED_TOKENS, probeSpec("--control", "shuffled-tokens").control())
        assertTrue(probeSpec("--mdl").mdl())
        val r = probelab("probe", "--control", "random")
        assertEquals(2, r.code)
        assertTrue("word-types, shuffled-tokens" in r.err, r.err)
    }

    @Test
    fun `parallel layers reach the device options, two by default, and fewer than one is a usage error`() {
        fun layersAtOnce(vararg argv: String): Int {
            val parsed = commandLine().parseArgs("probe", *argv)
            return (parsed.subcommand().commandSpec().userObject() as ProbeCommand).deviceOptions().probeLayersAtOnce()
        }
        assertEquals(2, layersAtOnce())
        assertEquals(4, layersAtOnce("--parallel-layers", "4", "--threads", "3"))
        val r = probelab("probe", "--parallel-layers", "0")
        assertEquals(2, r.code)
        assertTrue("at least 1, not '0'" in r.err, r.err)
    }

    @Test
    fun `layer lists take numbers, ranges and all`() {
        assertEquals(emptyList<Int>(), Layers.parse("all").indices)
        assertEquals(listOf(0, 6, 12), Layers.parse("0,6,12").indices)
        assertEquals(listOf(0, 1, 2, 3, 9), Layers.parse("0-3,9").indices)
        assertThrows<TypeConversionException> { Layers.parse("3-1") }
        assertThrows<TypeConversionException> { Layers.parse("x") }
    }

    @Test
    fun `run names show the data file and task and differ with the spec`() {
        val spec = ProbingSpec.quickstart()
        val name = ProbeCommand.runName(spec)
        assertTrue(name.matches(Regex("demo-pos-[0-9a-f]{8}")), name)
        val onFile = ProbingSpec(spec.model(), "conllu:/data/ud/en_ewt-ud-dev.conllu", "dep",
            spec.layers(), spec.probes(), spec.quick(), spec.seeds(), spec.extraction())
        assertTrue(ProbeCommand.runName(onFile).startsWith("conllu_en_ewt-ud-dev.conllu-dep-"), ProbeCommand.runName(onFile))
        val slower = ProbingSpec(spec.model(), spec.data(), spec.task(), spec.layers(), spec.probes(),
            false, spec.seeds(), spec.extraction())
        assertTrue(ProbeCommand.runName(slower) != name)
    }

    @Test
    fun `a run from several files is named after what they share`() {
        assertEquals("conllu_en_ewt-ud", ProbeCommand.dataLabel(
            "conllu:/d/en_ewt-ud-train.conllu,/d/en_ewt-ud-dev.conllu,/d/en_ewt-ud-test.conllu"))
        assertEquals("conllu_streusle", ProbeCommand.dataLabel(
            "conllu:/d/streusle/train.conllulex,/d/streusle/dev.conllulex,/d/streusle/test.conllulex"))
        assertEquals("conllu_treebank", ProbeCommand.dataLabel("conllu:path/to/treebank/"))
        assertEquals("tsv_trec", ProbeCommand.dataLabel("tsv:/d/trec-train.tsv,/d/trec-test.tsv;dev-from-train=0.1"))
        assertEquals("ud:en_ewt", ProbeCommand.dataLabel("ud:en_ewt"))
    }

    @Test
    fun `dev from train and column names reach the spec, a bad fraction is a usage error`() {
        val spec = probeSpec("--data", "conllu:/d/train.conllu,/d/test.conllu", "--dev-from-train", "0.1",
            "--task", "column:ss")
        assertEquals("conllu:/d/train.conllu,/d/test.conllu;dev-from-train=0.1", spec.data())
        assertEquals("column:ss", spec.task())
        val r = probelab("probe", "--dev-from-train", "1.5")
        assertEquals(2, r.code, r.err)
        assertTrue(r.message.contains("--dev-from-train takes a fraction between 0 and 1"), r.message)
    }

    @Test
    fun `usage mistakes exit 2 with one line and the help to read`() {
        val cases = mapOf(
            listOf("probe", "--layres", "1") to "--layres",
            listOf("probe", "--data") to "--data",
            listOf("probe", "--seeds", "many") to "many",
            listOf("probe", "demo") to "demo",
            listOf("probe", "--quick=yes") to "--quick",
            listOf("probe", "--layers", "3-1") to "empty range '3-1'",
            listOf("probe", "--seeds", "-1") to "--seeds",
            listOf("probe", "--pooling", "max") to "mean, first",
            listOf("probe", "--device", "tpu") to "cpu, gpu or auto",
            listOf("probe", "--precision", "fp8") to "float32, bf16",
            listOf("probe", "--task", "morphology") to "unknown task 'morphology'",
            listOf("probe", "--task", "column:-1") to "unknown task 'column:-1'",
        )
        for ((argv, named) in cases) {
            val r = probelab(*argv.toTypedArray())
            assertEquals(2, r.code, "$argv: ${r.err}")
            val lines = r.err.trimEnd().lines()
            assertEquals(2, lines.size, "$argv: one message line and one hint: ${r.err}")
            assertTrue(named in lines[0], "$argv: ${lines[0]}")
            assertEquals("see 'probelab probe --help'", lines[1], "$argv")
        }
    }

    @Test
    fun `a misspelt option suggests the right one`() {
        val r = probelab("probe", "--layres", "1")
        assertTrue(r.message.contains("did you mean --layers?"), r.message)
    }

    @Test
    fun `an unknown command names itself and the top-level help`() {
        val r = probelab("frobnicate")
        assertEquals(2, r.code)
        assertTrue(r.message.startsWith("probelab: unknown command 'frobnicate'"), r.message)
        assertTrue(r.err.contains("see 'probelab --help'"), r.err)
    }

    @Test
    fun `bare probelab lists every command, the launcher's too, and exits 2`() {
        val r = probelab()
        assertEquals(2, r.code)
        for (command in listOf("probe", "report", "help", "notebook", "lab")) {
            assertTrue(Regex("(?m)^  $command +\\S").containsMatchIn(r.err), "$command listed: ${r.err}")
        }
    }

    @Test
    fun `help is printed to standard output with exit 0 in every spelling`() {
        for (argv in listOf(listOf("--help"), listOf("-h"), listOf("help"))) {
            val r = probelab(*argv.toTypedArray())
            assertEquals(0, r.code, "$argv")
            assertTrue(r.out.contains("notebook") && r.out.contains("probe "), "$argv: ${r.out}")
        }
        for (argv in listOf(listOf("probe", "--help"), listOf("help", "probe"))) {
            val r = probelab(*argv.toTypedArray())
            assertEquals(0, r.code, "$argv")
            assertTrue(r.out.contains("--sentence-pooling=MODE"), "$argv: ${r.out}")
        }
    }

    @Test
    fun `probe's help states that column numbers count from 0`() {
        val help = probelab("probe", "--help").out.replace(Regex("\\s+"), " ")
        assertTrue(help.contains("column:N (N counts columns from 0)"), help)
    }
}
