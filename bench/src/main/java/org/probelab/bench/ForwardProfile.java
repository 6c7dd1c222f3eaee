package org.probelab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.probelab.model.BertModel;
import org.probelab.model.ComputePrecision;
import org.probelab.model.DeviceOptions;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TInt32;

/**
 * Where one BERT forward's time goes: the extraction forward (B x T ids, all hidden states fetched) run
 * under TensorFlow's FULL_TRACE, its step stats summed by op kind (wall time of each kernel, from the
 * CPU device's node stats), over several traced runs after warm-ups. Prints one JSON line: per op kind
 * the milliseconds per forward and the share, plus the untraced forward time for scale. Then, in the same
 * process, the {@link MatMulPeak} of a 3072^3 product, and the GFLOP/s the dense layers' MatMul kernels
 * reach inside the forward ({@code 2 (4H^2 + 2HI)} per token and layer over their traced time), so the gap
 * to the peak splits into GEMM efficiency at BERT's shapes and time outside the GEMMs.
 *
 * <p>Usage: {@code ForwardProfile MODEL [--batch 32] [--length 64] [--runs 5] [--precision float32|bf16]}
 */
public final class ForwardProfile {
    private static final Pattern OP_KIND = Pattern.compile("= (\\w+)\\(");

    private ForwardProfile() {
    }

    public static void main(String[] args) throws Exception {
        int batch = 32;
        int length = 64;
        int runs = 5;
        ComputePrecision precision = ComputePrecision.FLOAT32;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--length" -> length = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--precision" -> precision = ComputePrecision.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PretrainedModel pretrained = ModelStore.load(args[0]);
        int[] ids = new int[batch * length];
        int[] mask = new int[batch * length];
        Random random = new Random(7);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1000 + random.nextInt(20000);
            mask[i] = 1;
        }
        try (BertModel model = BertModel.create(pretrained.config(), pretrained.weights(),
                DeviceOptions.cpu().withPrecision(precision));
             TInt32 idTensor = TInt32.tensorOf(Shape.of(batch, length), DataBuffers.of(ids, true, false));
             TInt32 maskTensor = TInt32.tensorOf(Shape.of(batch, length), DataBuffers.of(mask, true, false))) {
            RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
            Map<String, Double> micros = new TreeMap<>();
            double plainSeconds = 0;
            for (int r = -2; r < runs; r++) {
                long start = System.nanoTime();
                forward(model, idTensor, maskTensor, null).close();
                if (r >= 0) {
                    plainSeconds += (System.nanoTime() - start) / 1e9;
                    try (Result traced = forward(model, idTensor, maskTensor, trace)) {
                        add(traced.getMetadata().orElseThrow(), micros);
                    }
                }
            }
            double total = micros.values().stream().mapToDouble(Double::doubleValue).sum();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("bench", "forward-profile");
            line.put("precision", model.computePrecision().label());
            line.put("batch", batch);
            line.put("length", length);
            line.put("runs", runs);
            line.put("forward_ms_untraced", plainSeconds / runs * 1e3);
            line.put("kernel_ms_traced", total / runs / 1e3);
            Map<String, Object> kinds = new LinkedHashMap<>();
            int traced = runs;
            micros.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> kinds.put(e.getKey(), List.of(Math.round(e.getValue() / traced / 10) / 100.0,
                            Math.round(e.getValue() / total * 1000) / 1000.0)));
            line.put("ms_and_share_by_op", kinds);
            var config = pretrained.config();
            double denseFlops = 2.0 * (4.0 * config.hiddenSize() * config.hiddenSize()
                    + 2.0 * config.hiddenSize() * config.intermediateSize()) * batch * length * config.numHiddenLayers();
            double matMulMicros = micros.entrySet().stream().filter(e -> e.getKey().contains("MatMul")
                    && !e.getKey().contains("Batch")).mapToDouble(Map.Entry::getValue).sum() / runs;
            line.put("dense_matmul_gflop_per_s", denseFlops / matMulMicros / 1e3);
            line.put("matmul_peak_gflop_per_s", MatMulPeak.measure(3072, 3, 5).gflopPerSecond());
            System.out.println(new ObjectMapper().writeValueAsString(line));
        }
    }

    private static Result forward(BertModel model, TInt32 ids, TInt32 mask, RunOptions options) {
        Session.Runner runner = model.session().runner().feed(model.graph().inputIds(), ids)
                .feed(model.graph().inputMask(), mask);
        model.graph().hiddenStates().forEach(runner::fetch);
        if (options == null) {
            return runner.run();
        }
        return runner.setOptions(options).runAndFetchMetadata();
    }

    /** Adds each kernel's wall time (op_end_rel_micros) to its op kind, over the CPU devices' stats. */
    private static void add(RunMetadata metadata, Map<String, Double> micros) {
        for (NodeExecStats node : cpuKernels(metadata)) {
            micros.merge(opKind(node), (double) node.getOpEndRelMicros(), Double::sum);
        }
    }

    /** The kernels a traced run ran on the CPU devices (their stream views left out). */
    public static List<NodeExecStats> cpuKernels(RunMetadata metadata) {
        List<NodeExecStats> kernels = new ArrayList<>();
        for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
            if (device.getDevice().contains("CPU") && !device.getDevice().contains("stream")) {
                kernels.addAll(device.getNodeStatsList());
            }
        }
        return kernels;
    }

    /** A kernel's op kind, read from its timeline label ({@code name = Kind(inputs)}), else its node name. */
    public static String opKind(NodeExecStats node) {
        Matcher m = OP_KIND.matcher(node.getTimelineLabel());
        return m.find() ? m.group(1) : node.getNodeName();
    }
}
