package org.probelab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.probelab.Progress;
import org.probelab.io.AtomicFiles;
import org.probelab.model.BertModel;
import org.probelab.model.ComputePrecision;
import org.probelab.model.DeviceOptions;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;
import org.probelab.represent.ExtractionOptions;
import org.probelab.represent.Extractor;
import org.probelab.represent.Task;
import org.probelab.text.BertTokenizer;
import org.probelab.data.ConllU;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;

/**
 * Our side of the extraction benchmark: word vectors of all hidden states for every word of a
 * CoNLL-U file, end to end (read, tokenize, batch, forward, pool, write to the vector cache), the
 * same job {@code reference_extract.py} does. Prints one JSON line.
 *
 * <p>Usage: {@code ExtractionBench CONLLU MODEL_DIR [--token-budget N] [--limit N] [--precision float32|bf16]
 * [--device cpu|gpu]}
 */
public final class ExtractionBench {
    private static final OperatingSystemMXBean CPU =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ExtractionBench() {
    }

    public static void main(String[] args) throws Exception {
        Path conllu = Path.of(args[0]);
        Path modelDir = Path.of(args[1]);
        int tokenBudget = ExtractionOptions.DEFAULTS.tokenBudget();
        int limit = Integer.MAX_VALUE;
        ComputePrecision precision = ComputePrecision.FLOAT32;
        DeviceOptions device = DeviceOptions.cpu();
        for (int i = 2; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--token-budget" -> tokenBudget = Integer.parseInt(args[i + 1]);
                case "--limit" -> limit = Integer.parseInt(args[i + 1]);
                case "--precision" -> precision = ComputePrecision.of(args[i + 1]);
                case "--device" -> device = args[i + 1].equals("gpu") ? DeviceOptions.gpu() : DeviceOptions.cpu();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PretrainedModel pretrained = ModelStore.load(modelDir.toString());
        Path cache = Files.createTempDirectory("probelab-bench-cache");
        BertModel model = BertModel.create(pretrained.config(), pretrained.weights(),
                device.withPrecision(precision));
        try (TimedEncoder encoder = new TimedEncoder(model)) {
            long start = System.nanoTime();
            long cpuStart = CPU.getProcessCpuTime();
            List<Sentence> sentences = ConllU.read(conllu);
            sentences = sentences.subList(0, Math.min(limit, sentences.size()));
            // All sentences go to one split: the job is extraction, not probing.
            Dataset data = new Dataset("bench", sentences, List.of(), List.of(), Integer.toString(sentences.hashCode()));
            BertTokenizer tokenizer = BertTokenizer.fromVocabFile(pretrained.vocab(), pretrained.lowerCase());
            ExtractionOptions options = ExtractionOptions.DEFAULTS.withTokenBudget(tokenBudget);
            var vectors = Extractor.extract(encoder, "bench", tokenizer, data, Task.pos(), options, cache,
                    Progress.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (CPU.getProcessCpuTime() - cpuStart) / 1e9;

            Map<String, Object> line = new LinkedHashMap<>();
            line.put("peer", "probelab-" + model.computePrecision().label());
            line.put("precision", model.computePrecision().label());
            line.put("device", model.device().describe());
            line.put("sentences", sentences.size());
            line.put("words", vectors.rows(org.probelab.data.Split.TRAIN));
            line.putAll(encoder.work().jsonFields());
            line.put("seconds", seconds);
            line.put("forward_seconds", encoder.forwardSeconds());
            line.put("first_forward_seconds", encoder.firstForwardSeconds());
            line.put("cpu_seconds", cpuSeconds);
            line.put("forward_cpu_seconds", encoder.forwardCpuSeconds());
            line.put("first_forward_cpu_seconds", encoder.firstForwardCpuSeconds());
            line.put("tokens_per_s", encoder.work().tokens() / seconds);
            line.put("layers", vectors.layers().length);
            line.put("peak_rss_mb", Rss.peakMb());
            System.out.println(new ObjectMapper().writeValueAsString(line));
        } finally {
            AtomicFiles.deleteTree(cache);
        }
    }
}
