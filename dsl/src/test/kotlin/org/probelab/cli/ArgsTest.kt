package org.probelab.cli

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class ArgsTest {
    @Test
    fun `reads values in both spellings, flags and defaults`() {
        val args = Args(listOf("--data", "demo:50", "--task=dep", "--quick"))
        assertEquals("demo:50", args.string("data"))
        assertEquals("dep", args.string("task", "pos"))
        assertTrue(args.flag("quick"))
        assertNull(args.string("model"))
        assertEquals(3, args.int("seeds", 3))
        args.rejectUnknown()
    }

    @Test
    fun `an option nobody reads is reported by name`() {
        val args = Args(listOf("--data", "demo", "--layres", "0"))
        args.string("data")
        val e = assertThrows<UsageException> { args.rejectUnknown() }
        assertTrue(e.message!!.contains("--layres"), e.message)
    }

    @Test
    fun `a missing value, a bad number and a stray word are usage errors`() {
        assertThrows<UsageException> { Args(listOf("--data")).string("data") }
        assertThrows<UsageException> { Args(listOf("--seeds", "many")).int("seeds", 1) }
        assertThrows<UsageException> { Args(listOf("demo")) }
        assertThrows<UsageException> { Args(listOf("--quick=yes")).flag("quick") }
    }

    @Test
    fun `layer lists take numbers, ranges and all`() {
        assertEquals(emptyList<Int>(), ProbeCommand.layers("all"))
        assertEquals(listOf(0, 6, 12), ProbeCommand.layers("0,6,12"))
        assertEquals(listOf(0, 1, 2, 3, 9), ProbeCommand.layers("0-3,9"))
        assertThrows<UsageException> { ProbeCommand.layers("3-1") }
        assertThrows<UsageException> { ProbeCommand.layers("x") }
    }

    @Test
    fun `run names show the data file and task and differ with the spec`() {
        val spec = org.probelab.probe.ProbingSpec.quickstart()
        val name = ProbeCommand.runName(spec)
        assertTrue(name.matches(Regex("demo-pos-[0-9a-f]{8}")), name)
        val onFile = org.probelab.probe.ProbingSpec(spec.model(), "conllu:/data/ud/en_ewt-ud-dev.conllu", "dep",
            spec.layers(), spec.probes(), spec.quick(), spec.seeds(), spec.extraction())
        assertTrue(ProbeCommand.runName(onFile).startsWith("conllu_en_ewt-ud-dev.conllu-dep-"), ProbeCommand.runName(onFile))
        val slower = org.probelab.probe.ProbingSpec(spec.model(), spec.data(), spec.task(), spec.layers(), spec.probes(),
            false, spec.seeds(), spec.extraction())
        assertTrue(ProbeCommand.runName(slower) != name)
    }
}
