package org.probelab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.probelab.bench.BenchOptions;
import org.probelab.bench.ForwardProfile;
import org.probelab.bench.MlmStepBench;
import org.probelab.model.BertGraph;
import org.probelab.model.BertModel;
import org.probelab.model.DeviceOptions;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;
import org.probelab.text.BertTokenizer;
import org.probelab.train.mlm.MaskedSequence;
import org.tensorflow.Result;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Where one masked-LM training step's time goes: the step {@code MlmStepBench} times (BERT with its MLM head,
 * batch B × T random ids, 15% masked, one pass, AdamW) run under TensorFlow's FULL_TRACE, its kernels' wall
 * times summed by op kind and by part of the graph (forward, backward, optimizer; the MLM head apart), over
 * several traced steps after warm-ups. It sits in {@code org.probelab.train} to run the package's own
 * {@link MlmGraph} with trace options, which the trainer's API does not take. Prints one JSON line.
 *
 * <p>Usage: {@code MlmStepProfile MODEL_DIR [--batch 16] [--seq 128] [--steps 3] [--warmup 2] [--top 25]}
 */
public final class MlmStepProfile {
    private MlmStepProfile() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = new BenchOptions(args, "--batch", "--seq", "--steps", "--warmup", "--top");
        int batch = options.integer("--batch", 16);
        int seq = options.integer("--seq", 128);
        int steps = options.integer("--steps", 3);
        int warmup = options.integer("--warmup", 2);
        int top = options.integer("--top", 25);
        PretrainedModel pretrained = ModelStore.load(args[0]);
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(pretrained.vocab(), pretrained.lowerCase());
        int vocab = pretrained.config().vocabSize();
        List<MaskedSequence> masked = MlmStepBench.randomBatch(batch, seq, vocab, tokenizer);
        int rows = masked.stream().mapToInt(m -> m.positions().length).sum();
        MlmSettings settings = MlmSettings.PRETRAINING.toBuilder().microBatchTokens(batch * seq).build();
        try (BertModel model = BertModel.create(pretrained.config(), pretrained.weights(), DeviceOptions.cpu(),
                BertGraph.Dropout.SWITCHABLE);
             MlmBatch inputs = new MlmBatch(masked, tokenizer.padId(), 1f / rows);
             TFloat32 rate = TFloat32.scalarOf(settings.learningRate());
             TBool on = TBool.scalarOf(true)) {
            MlmGraph graph = new MlmGraph(model, settings);
            RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
            Map<String, Double> byKind = new TreeMap<>();
            Map<String, Double> byPart = new TreeMap<>();
            Map<String, Double> byPartAndKind = new TreeMap<>();
            List<Double> untraced = new ArrayList<>();
            for (int s = -warmup; s < 2 * steps; s++) {
                boolean traced = s >= 0 && s % 2 == 1;
                long start = System.nanoTime();
                try (TInt64 seed = TInt64.scalarOf(s + warmup)) {
                    var runner = inputs.feed(model.session(), graph).feed(graph.bert.training().get(), on)
                            .feed(graph.bert.dropoutSeed().get(), seed).feed(graph.adam.learningRate(), rate)
                            .fetch(graph.loss).addTarget(graph.updates.direct.step());
                    try (Result r = traced ? runner.setOptions(trace).runAndFetchMetadata() : runner.run()) {
                        if (traced) {
                            add(r.getMetadata().orElseThrow(), vocab, byKind, byPart, byPartAndKind);
                        }
                    }
                }
                if (s >= 0 && !traced) {
                    untraced.add((System.nanoTime() - start) / 1e9);
                }
            }
            double total = byKind.values().stream().mapToDouble(Double::doubleValue).sum();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("bench", "mlm-step-profile");
            line.put("batch", batch);
            line.put("seq", seq);
            line.put("masked", rows);
            line.put("traced_steps", steps);
            line.put("step_seconds_untraced", untraced);
            line.put("kernel_seconds_per_step_traced", total / steps / 1e6);
            line.put("seconds_and_share_by_part", shares(byPart, total, steps, Integer.MAX_VALUE));
            line.put("seconds_and_share_by_op", shares(byKind, total, steps, top));
            line.put("seconds_and_share_by_part_and_op", shares(byPartAndKind, total, steps, top));
            System.out.println(new ObjectMapper().writeValueAsString(line));
        }
    }

    private static Map<String, Object> shares(Map<String, Double> micros, double total, int steps, int top) {
        Map<String, Object> out = new LinkedHashMap<>();
        micros.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.put(e.getKey(), List.of(Math.round(e.getValue() / steps / 1e3) / 1e3,
                        Math.round(e.getValue() / total * 1000) / 1000.0)));
        return out;
    }

    /** Adds each kernel's wall time (op_end_rel_micros) to its op kind, its part of the graph and both. */
    private static void add(RunMetadata metadata, int vocab, Map<String, Double> byKind,
                            Map<String, Double> byPart, Map<String, Double> byPartAndKind) {
        for (NodeExecStats node : ForwardProfile.cpuKernels(metadata)) {
            String kind = ForwardProfile.opKind(node);
            double micros = node.getOpEndRelMicros();
            byKind.merge(kind, micros, Double::sum);
            byPart.merge(part(node, vocab), micros, Double::sum);
            byPartAndKind.merge(part(node, vocab) + " " + kind, micros, Double::sum);
        }
    }

    /**
     * The graph part of a node: the optimizer (AdamW's scope), the backward pass (the gradients' scope) or the
     * forward pass, and apart from these the ops that touch the vocabulary (an output with a vocab-sized
     * dimension: the MLM head's projection, its softmax, their gradients, the word embeddings' gradient).
     */
    private static String part(NodeExecStats node, int vocab) {
        String name = node.getNodeName();
        String pass = name.contains("/adamw/") ? "optimizer" : name.contains("/Gradients/") ? "backward" : "forward";
        boolean vocabulary = node.getOutputList().stream().anyMatch(o -> o.getTensorDescription().getShape()
                .getDimList().stream().anyMatch(d -> d.getSize() == vocab));
        return vocabulary ? pass + ": vocabulary-sized" : pass;
    }
}
