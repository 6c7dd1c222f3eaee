package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RewriterConfig;

class DeviceOptionsTest {
    @Test
    void cpuUsesAllCoresForOpsAndHidesGpus() {
        ConfigProto proto = DeviceOptions.cpu().toConfigProto();
        assertEquals(Runtime.getRuntime().availableProcessors(), proto.getIntraOpParallelismThreads());
        assertEquals(1, proto.getInterOpParallelismThreads());
        assertEquals(0, proto.getDeviceCountOrThrow("GPU"), "the GPU native build must not pick a GPU");
        assertFalse(proto.getLogDevicePlacement());
    }

    @Test
    void gpuGrowsMemoryOnDemandOnTheChosenDevices() {
        ConfigProto proto = DeviceOptions.gpu().withVisibleGpus("1,2").withLogDevicePlacement(true).toConfigProto();
        assertTrue(proto.getGpuOptions().getAllowGrowth());
        assertEquals("1,2", proto.getGpuOptions().getVisibleDeviceList());
        assertFalse(proto.containsDeviceCount("GPU"));
        assertTrue(proto.getLogDevicePlacement());
        assertTrue(proto.getAllowSoftPlacement(), "ops without a GPU kernel fall back to the CPU");
    }

    @Test
    void trainingSessionsFoldNoConstantsAndKeepTheBf16Rewrite() {
        var training = DeviceOptions.cpu().toConfigProto(true).getGraphOptions().getRewriteOptions();
        assertEquals(RewriterConfig.Toggle.OFF, training.getConstantFolding());
        var inference = DeviceOptions.cpu().toConfigProto().getGraphOptions().getRewriteOptions();
        assertEquals(RewriterConfig.Toggle.DEFAULT, inference.getConstantFolding());
        var bf16 = DeviceOptions.cpu().withPrecision(ComputePrecision.BF16).toConfigProto(true).getGraphOptions()
                .getRewriteOptions();
        assertEquals(RewriterConfig.Toggle.OFF, bf16.getConstantFolding());
        assertEquals(RewriterConfig.Toggle.ON, bf16.getAutoMixedPrecisionOnednnBfloat16());
    }

    @Test
    void threadCountsCanBeOverridden() {
        ConfigProto proto = DeviceOptions.cpu().withThreads(3, 2).toConfigProto();
        assertEquals(3, proto.getIntraOpParallelismThreads());
        assertEquals(2, proto.getInterOpParallelismThreads());
    }

    @Test
    void invalidSettingsAreRejectedWithTheValue() {
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
                () -> DeviceOptions.cpu().withThreads(-1, 1));
        assertTrue(threads.getMessage().contains("intra-op -1"), threads.getMessage());
        IllegalArgumentException gpus = assertThrows(IllegalArgumentException.class,
                () -> DeviceOptions.gpu().withVisibleGpus("gpu0"));
        assertTrue(gpus.getMessage().contains("\"gpu0\""), gpus.getMessage());
        IllegalArgumentException layers = assertThrows(IllegalArgumentException.class,
                () -> DeviceOptions.cpu().withProbeLayersAtOnce(0));
        assertTrue(layers.getMessage().contains("at least 1, got 0"), layers.getMessage());
    }
}
