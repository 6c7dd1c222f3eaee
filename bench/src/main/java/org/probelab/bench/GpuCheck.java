package org.probelab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.probelab.model.BertModel;
import org.probelab.model.ComputePrecision;
import org.probelab.model.DeviceOptions;
import org.probelab.model.Devices;
import org.probelab.model.HiddenStates;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;

/**
 * The GPU path against the CPU path on BERT-base: TensorFlow must see a GPU, and every hidden state of a
 * batch computed there (float32, then mixed precision) is compared with the CPU's float32 states, which
 * the parity test ties to the original SavedModel. Prints one JSON line; exits 1 without a working GPU.
 *
 * <p>Usage: {@code GpuCheck MODEL}
 */
public final class GpuCheck {
    private static final int BATCH = 16;
    private static final int LENGTH = 64;

    private GpuCheck() {
    }

    public static void main(String[] args) {
        if (!Devices.gpuAvailable()) {
            System.err.println("GpuCheck: TensorFlow sees no GPU (is the linux-x86_64-gpu native build on the classpath, "
                    + "with CUDA 12 and cuDNN 9?)");
            System.exit(1);
        }
        PretrainedModel pretrained = ModelStore.load(args[0]);
        int[][] ids = new int[BATCH][LENGTH];
        int[] lengths = new int[BATCH];
        Random random = new Random(3);
        for (int b = 0; b < BATCH; b++) {
            lengths[b] = LENGTH / 2 + random.nextInt(LENGTH / 2 + 1);
            ids[b][0] = 101;
            for (int t = 1; t < lengths[b] - 1; t++) {
                ids[b][t] = 1000 + random.nextInt(20000);
            }
            ids[b][lengths[b] - 1] = 102;
        }
        int[] layers = new int[pretrained.config().numHiddenStates()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = i;
        }
        HiddenStates cpu = encode(pretrained, DeviceOptions.cpu(), ids, lengths, layers);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", "gpu-check");
        for (ComputePrecision precision : ComputePrecision.values()) {
            HiddenStates gpu = encode(pretrained, DeviceOptions.gpu().withPrecision(precision), ids, lengths, layers);
            line.put("gpu_" + precision.label() + "_max_abs_diff_vs_cpu", maxDiff(cpu, gpu, lengths));
        }
        try {
            System.out.println(new ObjectMapper().writeValueAsString(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HiddenStates encode(PretrainedModel pretrained, DeviceOptions device, int[][] ids, int[] lengths,
            int[] layers) {
        try (BertModel model = BertModel.create(pretrained.config(), pretrained.weights(), device)) {
            return model.encode(ids, lengths, layers);
        }
    }

    /** Max |a - b| over the real tokens of every hidden state. */
    private static double maxDiff(HiddenStates a, HiddenStates b, int[] lengths) {
        double max = 0;
        int hidden = a.values()[0].length / (lengths.length * LENGTH);
        for (int s = 0; s < a.values().length; s++) {
            for (int row = 0; row < lengths.length; row++) {
                for (int t = 0; t < lengths[row]; t++) {
                    for (int i = 0; i < hidden; i++) {
                        max = Math.max(max, Math.abs(a.values()[s][a.offset(row, t) + i] - b.values()[s][b.offset(row, t) + i]));
                    }
                }
            }
        }
        return max;
    }
}
