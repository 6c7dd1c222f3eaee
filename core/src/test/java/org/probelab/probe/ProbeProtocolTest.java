package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards docs/probing.md, section "The probes and the search": the documented protocol, asserted
 * with literal values so that a change to {@link ProbeDefaults} fails here until the docs follow.
 */
class ProbeProtocolTest {
    private static final String SECTION = "## The probes and the search";

    @Test
    void theGridIsTheDocumentedOne() {
        assertEquals(List.of(32, 64, 128, 256), ProbeDefaults.HIDDEN_SIZES);
        assertEquals(List.of(1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0), ProbeDefaults.L2_VALUES);
        List<ProbeConfig> mlp = ProbeDefaults.grid(ProbeKind.MLP, 10_000);
        assertEquals(128, mlp.size());
        assertEquals(128, mlp.stream().distinct().count());
        assertEquals(8, ProbeDefaults.grid(ProbeKind.LINEAR, 10_000).size());
        assertEquals(5, ProbeDefaults.SEEDS);
        assertEquals(1e-3, ProbeDefaults.LEARNING_RATE);
        assertTrue(mlp.stream().allMatch(c -> c.learningRate() == 1e-3 && c.seed() == 1));
    }

    @Test
    void theBudgetIsInStepsAndBecomesEpochsByTheRowCount() {
        assertEquals(10_000, ProbeDefaults.MAX_STEPS);
        assertEquals(1_000, ProbeDefaults.PATIENCE_STEPS);
        assertEquals(2, ProbeDefaults.MIN_PATIENCE_EPOCHS);
        // The docs' two examples: a 4,608-sentence task and EWT train's 204,577 words.
        assertShape(ProbeDefaults.grid(ProbeKind.MLP, 4_608).get(0), 64, 139, 14);
        assertShape(ProbeDefaults.grid(ProbeKind.MLP, 204_577).get(0), 512, 25, 3);
        assertEquals(32, ProbeDefaults.batchSize(100));
        assertEquals(128, ProbeDefaults.batchSize(10_136));
        assertEquals(512, ProbeDefaults.batchSize(5_000_000));
    }

    @Test
    void linearProbesAreSolvedWithinTheDocumentedIterationCap() {
        assertEquals(500, ProbeDefaults.LINEAR_MAX_ITERATIONS);
        assertTrue(ProbeDefaults.grid(ProbeKind.LINEAR, 4_608).stream().allMatch(c -> c.maxEpochs() == 500));
    }

    @Test
    void quickModeIsOneMidSizedMlpWithASmallerBudget() {
        assertEquals(2_000, ProbeDefaults.QUICK_MAX_STEPS);
        assertEquals(300, ProbeDefaults.QUICK_PATIENCE_STEPS);
        assertEquals(1, ProbeDefaults.QUICK_SEEDS);
        ProbeConfig quick = ProbeDefaults.quick(ProbeKind.MLP, 4_608);
        assertEquals(new ProbeConfig(ProbeKind.MLP, 256, 256, 1e-5, 1e-3, 64, 28, 5, 1), quick);
        assertEquals(1e-5, ProbeDefaults.quick(ProbeKind.LINEAR, 4_608).l2());
    }

    @Test
    void theDocsSectionStatesTheseValues() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "probing.md"));
        int start = docs.indexOf(SECTION);
        assertTrue(start >= 0, "docs/probing.md lost its section '" + SECTION + "'");
        int end = docs.indexOf("\n## ", start + SECTION.length());
        String section = docs.substring(start, end < 0 ? docs.length() : end);
        for (String value : List.of("{32, 64, 128, 256} × {32, 64, 128, 256}", "{1e-7, 1e-6, …, 1}", "5 seeds",
                "1e-3", "10,000 optimizer steps", "1,000 steps (at least 2 epochs)", "between 32 and 512",
                "500 iterations", "MLP 256×256, L2 1e-5, 1 seed", "2,000 steps, patience 300 steps",
                "up to 139 epochs", "(patience 14)", "up to 25 epochs (patience 3)")) {
            assertTrue(section.contains(value), "docs/probing.md, '" + SECTION + "', no longer says: " + value);
        }
    }

    private static void assertShape(ProbeConfig config, int batch, int maxEpochs, int patience) {
        assertEquals(batch, config.batchSize(), "batch size");
        assertEquals(maxEpochs, config.maxEpochs(), "epochs the budget allows");
        assertEquals(patience, config.patience(), "patience in epochs");
    }
}
