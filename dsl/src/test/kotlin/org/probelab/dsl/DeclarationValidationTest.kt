package org.probelab.dsl

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.function.Executable

/** Mistakes knowable at declaration fail there, naming the field and what to change. */
class DeclarationValidationTest {
    private fun rejected(field: String, vararg hints: String, declare: ExperimentBuilder.() -> Unit): DeclarationException {
        val e = assertThrows(DeclarationException::class.java, Executable { experiment("bad", declare) })
        assertEquals(field, e.field, e.message)
        assertTrue(e.message!!.startsWith("$field: "), e.message)
        for (hint in hints) assertTrue(hint in e.message!!, "'$hint' missing from: ${e.message}")
        return e
    }

    @Test
    fun `a layer BERT-base does not have names the valid range`() {
        rejected("layers", "0..12", "layer 13 does not exist") { model { bertBase() }; layers(0, 13) }
        rejected("layers", "0..12") { layers(10..14) }
    }

    @Test
    fun `layers of a model given by directory are checked only when it runs`() {
        val exp = experiment("dir") { model { bert("some/model") }; layers(13) }
        assertEquals(listOf(13), exp.toProbingSpec().layers())
    }

    @Test
    fun `no layers or a negative layer is rejected`() {
        rejected("layers", "layers = all") { layers() }
        rejected("layers", "layers = all") { layers(5..4) }
        rejected("layers", "-1 is negative") { layers(-1, 2) }
    }

    @Test
    fun `a task the data cannot serve is rejected when the data's shape is known`() {
        rejected("task", "only sentence labels", "task = sentence") { data { tsv("sst") }; task = dep }
        rejected("task", "ud:en_ewt has none") { data { ud("en_ewt") }; task = sentence }
        rejected("task", "column 10", "0..9") { data { demoTreebank() }; task = column(10) }
        rejected("task", "count from 0") { data { conllu("x.conllu") }; task = column(-2) }
        rejected("task", "demo:3000 give no two genres", "task = sentence") { data { demoTreebank() }; task = genre }
        rejected("task", "tsv:sst give no two genres") { data { tsv("sst") }; task = genre }
    }

    @Test
    fun `a task the data may serve is left to the run`() {
        experiment("ok") { data { demoTreebank() }; task = sentence }
        experiment("ok") { data { conllu("x.conllu") }; task = sentence }
        experiment("ok") { data { conllu("x.conllu") }; task = column(11) }
        experiment("ok") { data { tsv("sst") }; task = sentence }
        experiment("ok") { data { ud("en_ewt") }; task = genre }
        experiment("ok") { data { conllu("x.conllu") }; task = genre }
    }

    @Test
    fun `probes need a kind, each named once, and at least one seed`() {
        rejected("probes", "mlp(); linear()") { probes { quick = true } }
        rejected("probes", "mlp() is named 2 times") { probes { mlp(); mlp() } }
        rejected("seeds", "seeds = 0", "at least 1") { probes { mlp(); seeds = 0 } }
    }

    @Test
    fun `data needs enough demo sentences and one or three paths`() {
        rejected("data", "at least 10") { data { demoTreebank(sentences = 5) } }
        rejected("data", "got 0") { data { conllu() } }
        rejected("data", "got 2") { data { tsv("a.tsv", "b.tsv") } }
        rejected("data", "contains a comma") { data { conllu("a,b.conllu") } }
        rejected("data", "en_ewt") { data { ud("xx_nope") } }
        rejected("data", "already chosen") { data { demoTreebank(); ud("en_ewt") } }
        rejected("data", "names no data set") { data { } }
    }

    @Test
    fun `a model block names exactly one model`() {
        rejected("model", "names no model") { model { } }
        rejected("model", "already chosen") { model { bertBase(); bert("x") } }
        rejected("model", "path") { model { bert(" ") } }
    }

    @Test
    fun `extraction and name mistakes name their field`() {
        rejected("extraction.tokenBudget", "not positive") { extraction { tokenBudget = 0 } }
        rejected("extraction.windowStride", "half the encoder's window") { extraction { windowStride = -1 } }
        val e = assertThrows(DeclarationException::class.java) { experiment(" ") {} }
        assertEquals("name", e.field)
    }
}
