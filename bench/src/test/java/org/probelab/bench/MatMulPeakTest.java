package org.probelab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatMulPeakTest {
    @Test
    void smallProductIsCheckedAndTimedWithTheModelsThreadSettings() throws Exception {
        MatMulPeak.Measurement m = MatMulPeak.measure(96, 2, 3);
        assertEquals(Runtime.getRuntime().availableProcessors(), m.threads());
        assertTrue(m.bestSeconds() > 0 && m.bestSeconds() <= m.medianSeconds(), m.toString());
        assertEquals(2.0 * 96 * 96 * 96 / m.medianSeconds() / 1e9, m.gflopPerSecond(), 1e-9);
    }

    @Test
    void aWrongProductIsRejectedBeforeAnyTiming() {
        // A^T B instead of A B: what a mis-set transpose flag or a broken kernel would give.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MatMulPeak.measure(96, 2, 3,
                (tf, left, right) -> tf.linalg.matMul(left, right, org.tensorflow.op.linalg.MatMul.transposeA(true))));
        assertTrue(e.getMessage().contains("dot product"), e.getMessage());
    }

    @Test
    void jsonLineReportsTheMeasurementAndThreading() {
        Map<String, Object> fields = MatMulPeak.jsonFields(new MatMulPeak.Measurement(1000, 2, 5, 0.5, 0.4));
        assertEquals(4.0, fields.get("gflop_per_s"));
        assertEquals(2, fields.get("intra_op_threads"));
        assertEquals(1, fields.get("inter_op_threads"));
    }

    @Test
    void optionsOverrideDefaultsAndRejectNonPositiveSizes() {
        MatMulPeak.Options o = MatMulPeak.Options.parse(new String[] {"--n", "512", "--report", "r.md"});
        assertEquals(new MatMulPeak.Options(512, 3, 7, Path.of("r.md")), o);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatMulPeak.Options.parse(new String[] {"--runs", "0"}));
        assertTrue(e.getMessage().contains("--runs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MatMulPeak.Options.parse(new String[] {"--n"}));
    }
}
