package org.probelab.model;

import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * Where and with how many threads a {@link BertModel} runs, turned into TensorFlow's session
 * {@link ConfigProto}; and how many layers' probe searches run side by side.
 *
 * @param device             CPU, or GPU (needs the linux-x86_64-gpu TensorFlow native build and CUDA)
 * @param intraOpThreads     threads inside one op (the matrix multiplies); 0 lets TensorFlow choose
 * @param interOpThreads     ops run concurrently; 0 lets TensorFlow choose
 * @param visibleGpus        comma-separated GPU indices TensorFlow may use, e.g. "0"; empty for all
 * @param logDevicePlacement whether TensorFlow logs the device of every op (to stderr)
 * @param precision          the arithmetic of the forward; float32 unless asked otherwise
 * @param probeLayersAtOnce  layers whose probes are searched side by side, each search in its own sessions
 */
public record DeviceOptions(Device device, int intraOpThreads, int interOpThreads, String visibleGpus,
                            boolean logDevicePlacement, ComputePrecision precision, int probeLayersAtOnce) {

    /**
     * Layers probed at once by default. Measured on 2 cores (EWT train POS, the paper's grid): two searches
     * side by side made 1.29× the steps per second of one, a third added nothing (docs/probing.md). A machine
     * with more cores may gain from more.
     */
    public static final int PROBE_LAYERS_AT_ONCE = 2;

    /** Said once when bf16 is asked of a CPU without the instructions. */
    public static final String NO_BF16_CPU = "this CPU has no bfloat16 instructions (avx512_bf16 or amx_bf16); "
            + "computing in float32, since emulated bf16 is slower";

    /** The kind of device the graph runs on. */
    public enum Device { CPU, GPU }

    public DeviceOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (0 = TensorFlow's choice), got intra-op "
                    + intraOpThreads + ", inter-op " + interOpThreads);
        }
        if (visibleGpus == null || !visibleGpus.matches("(\\d+(,\\d+)*)?")) {
            throw new IllegalArgumentException("visible GPUs must be comma-separated indices like \"0,1\", got \""
                    + visibleGpus + "\"");
        }
        java.util.Objects.requireNonNull(precision, "precision");
        if (probeLayersAtOnce < 1) {
            throw new IllegalArgumentException("layers probed at once must be at least 1, got " + probeLayersAtOnce);
        }
    }

    /** CPU only, all cores for the matrix multiplies, one op at a time (BERT's ops form a chain). */
    public static DeviceOptions cpu() {
        return new DeviceOptions(Device.CPU, Runtime.getRuntime().availableProcessors(), 1, "", false,
                ComputePrecision.FLOAT32, PROBE_LAYERS_AT_ONCE);
    }

    /** All visible GPUs, memory taken as needed rather than all up front. */
    public static DeviceOptions gpu() {
        return new DeviceOptions(Device.GPU, Runtime.getRuntime().availableProcessors(), 2, "", false,
                ComputePrecision.FLOAT32, PROBE_LAYERS_AT_ONCE);
    }

    /** {@link #gpu()} when TensorFlow sees a GPU, otherwise {@link #cpu()}. */
    public static DeviceOptions auto() {
        return Devices.gpuAvailable() ? gpu() : cpu();
    }

    public DeviceOptions withThreads(int intraOp, int interOp) {
        return new DeviceOptions(device, intraOp, interOp, visibleGpus, logDevicePlacement, precision, probeLayersAtOnce);
    }

    public DeviceOptions withVisibleGpus(String gpuIndices) {
        return new DeviceOptions(device, intraOpThreads, interOpThreads, gpuIndices, logDevicePlacement, precision,
                probeLayersAtOnce);
    }

    public DeviceOptions withLogDevicePlacement(boolean log) {
        return new DeviceOptions(device, intraOpThreads, interOpThreads, visibleGpus, log, precision, probeLayersAtOnce);
    }

    public DeviceOptions withProbeLayersAtOnce(int layers) {
        return new DeviceOptions(device, intraOpThreads, interOpThreads, visibleGpus, logDevicePlacement, precision,
                layers);
    }

    public DeviceOptions withPrecision(ComputePrecision compute) {
        return new DeviceOptions(device, intraOpThreads, interOpThreads, visibleGpus, logDevicePlacement, compute,
                probeLayersAtOnce);
    }

    /** These options as they will run: bf16 on a CPU without bfloat16 instructions becomes float32. */
    public DeviceOptions effective() {
        boolean emulated = precision == ComputePrecision.BF16 && device == Device.CPU && !ComputePrecision.cpuHasBf16();
        return emulated ? withPrecision(ComputePrecision.FLOAT32) : this;
    }

    /** A short description for provenance, e.g. {@code cpu, 2 intra-op / 1 inter-op threads, float32}. */
    public String describe() {
        String gpus = device == Device.GPU ? " (GPUs " + (visibleGpus.isEmpty() ? "all" : visibleGpus) + ")" : "";
        return device.name().toLowerCase(java.util.Locale.ROOT) + gpus + ", " + intraOpThreads + " intra-op / "
                + interOpThreads + " inter-op threads, " + precision.label();
    }

    public ConfigProto toConfigProto() {
        return toConfigProto(false);
    }

    /**
     * The session options; for a graph that trains ({@code training}), Grappler's constant folding is off: it
     * would turn the optimizer's zero-initialised moments into constants of every variable's size, for each
     * new set of fetches. Measured on BERT-base (batch 16 × 64 tokens, 2 loaded cores): the first training
     * step took 222 s with it and 126 s without, and the step's peak resident memory fell from 7.0 to 6.3 GB;
     * the losses are bit-identical.
     */
    public ConfigProto toConfigProto(boolean training) {
        ConfigProto.Builder proto = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraOpThreads)
                .setInterOpParallelismThreads(interOpThreads)
                .setLogDevicePlacement(logDevicePlacement)
                .setAllowSoftPlacement(true);
        if (device == Device.CPU) {
            // With the GPU native build TensorFlow would otherwise place ops on a GPU it finds.
            proto.putDeviceCount("GPU", 0);
        } else {
            proto.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true).setVisibleDeviceList(visibleGpus));
        }
        RewriterConfig.Builder rewrite = RewriterConfig.newBuilder();
        if (training) {
            rewrite.setConstantFolding(RewriterConfig.Toggle.OFF);
        }
        if (precision == ComputePrecision.BF16) {
            // Grappler rewrites the float32 graph: casts around the ops that are safe in low precision.
            if (device == Device.CPU) {
                rewrite.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
            } else {
                rewrite.setAutoMixedPrecision(RewriterConfig.Toggle.ON);
            }
        }
        if (training || precision == ComputePrecision.BF16) {
            proto.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(rewrite));
        }
        return proto.build();
    }
}
