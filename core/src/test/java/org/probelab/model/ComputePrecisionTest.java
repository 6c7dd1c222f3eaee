package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.RewriterConfig;

class ComputePrecisionTest {
    @Test
    void bf16InstructionsAreReadFromTheFlagsLine() {
        assertTrue(ComputePrecision.bf16Flags(List.of("model name\t: AMD EPYC", "flags\t\t: fpu avx512f avx512_bf16 x")));
        assertTrue(ComputePrecision.bf16Flags(List.of("flags\t: sse amx_bf16 amx_tile")));
        assertFalse(ComputePrecision.bf16Flags(List.of("flags\t: fpu avx512f avx512_vnni", "bugs\t: avx512_bf16")),
                "a name outside the flags line does not count");
        assertFalse(ComputePrecision.bf16Flags(List.of()));
    }

    @Test
    void labelsNameThePrecisions() {
        assertEquals(ComputePrecision.BF16, ComputePrecision.of("BF16"));
        assertEquals(ComputePrecision.FLOAT32, ComputePrecision.of("float32"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ComputePrecision.of("fp8"));
        assertTrue(e.getMessage().contains("'fp8'") && e.getMessage().contains("bf16"), e.getMessage());
    }

    @Test
    void bf16TurnsOnTheOneDnnRewriteOnCpuAndMixedPrecisionOnGpu() {
        RewriterConfig cpu = DeviceOptions.cpu().withPrecision(ComputePrecision.BF16).toConfigProto()
                .getGraphOptions().getRewriteOptions();
        assertEquals(RewriterConfig.Toggle.ON, cpu.getAutoMixedPrecisionOnednnBfloat16());
        RewriterConfig gpu = DeviceOptions.gpu().withPrecision(ComputePrecision.BF16).toConfigProto()
                .getGraphOptions().getRewriteOptions();
        assertEquals(RewriterConfig.Toggle.ON, gpu.getAutoMixedPrecision());
        RewriterConfig float32 = DeviceOptions.cpu().toConfigProto().getGraphOptions().getRewriteOptions();
        assertEquals(RewriterConfig.Toggle.DEFAULT, float32.getAutoMixedPrecisionOnednnBfloat16());
        assertEquals(RewriterConfig.Toggle.DEFAULT, float32.getAutoMixedPrecision());
    }

    @Test
    void bf16StaysOnlyWhereTheCpuHasTheInstructions() {
        DeviceOptions asked = DeviceOptions.cpu().withPrecision(ComputePrecision.BF16);
        ComputePrecision expected = ComputePrecision.cpuHasBf16() ? ComputePrecision.BF16 : ComputePrecision.FLOAT32;
        assertEquals(expected, asked.effective().precision());
        assertEquals(ComputePrecision.BF16, DeviceOptions.gpu().withPrecision(ComputePrecision.BF16).effective().precision());
        assertTrue(asked.effective().describe().endsWith(expected.label()), asked.effective().describe());
    }
}
