package org.probelab.model;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/** What devices the loaded TensorFlow native library can use. */
public final class Devices {
    private static Boolean gpuAvailable;

    private Devices() {
    }

    /**
     * Whether TensorFlow can run an op on GPU 0. TensorFlow Java has no device listing, so this
     * pins a constant to the GPU with soft placement off and sees whether the run succeeds.
     */
    public static synchronized boolean gpuAvailable() {
        if (gpuAvailable == null) {
            gpuAvailable = probeGpu();
        }
        return gpuAvailable;
    }

    private static boolean probeGpu() {
        DeviceSpec gpu0 = DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build();
        // allow_growth: the first session fixes the process-wide GPU allocator; the probe must not claim all memory.
        ConfigProto config = ConfigProto.newBuilder()
                .setAllowSoftPlacement(false)
                .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true))
                .build();
        try (Graph graph = new Graph(); Session session = new Session(graph, config)) {
            Ops tf = Ops.create(graph).withDevice(gpu0);
            session.runner().fetch(tf.identity(tf.constant(1f))).run().close();
            return true;
        } catch (TensorFlowException | IllegalArgumentException e) {
            return false;
        }
    }
}
