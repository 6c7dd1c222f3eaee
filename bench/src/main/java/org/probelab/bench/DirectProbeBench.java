package org.probelab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.probelab.Progress;
import org.probelab.geometry.DirectProbe;
import org.probelab.geometry.DirectProbeOptions;
import org.probelab.geometry.DirectProbeResult;
import org.probelab.io.AtomicFiles;
import org.probelab.model.BertModel;
import org.probelab.io.CacheRoot;
import org.probelab.model.DeviceOptions;
import org.probelab.model.EasyBert;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;
import org.probelab.represent.ExtractionOptions;
import org.probelab.represent.Extractor;
import org.probelab.represent.LabelledVectors;
import org.probelab.represent.Representations;
import org.probelab.represent.Task;
import org.probelab.text.BertTokenizer;
import org.probelab.data.Checksums;
import org.probelab.data.ConllU;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.data.Split;

/**
 * Our side of the DirectProbe benchmark.
 *
 * <pre>
 * DirectProbeBench extract TRAIN.conllu TEST.conllu OUT_DIR LAYER...   # BERT-base word vectors (UPOS), via the cache
 * DirectProbeBench run VECTOR_DIR LAYER [--limit N] [--threads T] [--no-test]
 * </pre>
 *
 * {@code extract} runs the product's extraction ({@link Extractor}, cached under {@code $PROBELAB_CACHE})
 * and writes each layer as plain float32 files ({@code l<L>-train.f32}, {@code l<L>-test.f32}) with
 * {@code train-labels.txt}, {@code test-labels.txt}: the very rows both peers read. {@code run} times
 * {@link DirectProbe#run} on the first {@code N} training rows of one layer, prediction of the test rows
 * included, and prints one JSON line.
 */
public final class DirectProbeBench {
    private DirectProbeBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 4 && args[0].equals("extract")) {
            extract(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), List.of(args).subList(4, args.length));
        } else if (args.length >= 3 && args[0].equals("run")) {
            run(Path.of(args[1]), Integer.parseInt(args[2]), List.of(args).subList(3, args.length));
        } else {
            System.err.println("usage: DirectProbeBench extract TRAIN.conllu TEST.conllu OUT_DIR LAYER...\n"
                    + "       DirectProbeBench run VECTOR_DIR LAYER [--limit N] [--threads T] [--no-test]");
            System.exit(2);
        }
    }

    private static void extract(Path trainFile, Path testFile, Path out, List<String> layerArgs) throws IOException {
        int[] layers = layerArgs.stream().mapToInt(Integer::parseInt).toArray();
        List<Sentence> train = ConllU.read(trainFile);
        List<Sentence> test = ConllU.read(testFile);
        Dataset data = new Dataset("directprobe-bench", train, List.of(), test,
                Checksums.ofSplits(train, List.of(), test));
        PretrainedModel pretrained = ModelStore.load(EasyBert.ID);
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(pretrained.vocab(), pretrained.lowerCase());
        long start = System.nanoTime();
        Representations vectors;
        try (BertModel model = BertModel.create(pretrained.config(), pretrained.weights(), DeviceOptions.cpu())) {
            vectors = Extractor.extract(model, pretrained.encoderId(), tokenizer, data,
                    Task.pos(), ExtractionOptions.DEFAULTS.withLayers(layers),
                    CacheRoot.fromEnvironment().representations(), Progress.NONE);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.createDirectories(out);
        for (int layer : layers) {
            for (Split split : List.of(Split.TRAIN, Split.TEST)) {
                LabelledVectors v = vectors.layer(split, layer);
                String name = split == Split.TRAIN ? "train" : "test";
                ByteBuffer bytes = ByteBuffer.allocate(v.rows() * v.dim() * 4).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(v.vectors().duplicate().position(0));
                AtomicFiles.write(out.resolve("l" + layer + "-" + name + ".f32"), bytes.array());
                AtomicFiles.writeString(out.resolve(name + "-labels.txt"), String.join("\n", v.labels()) + "\n");
            }
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("model", pretrained.id() + "@" + pretrained.checksum());
        line.put("cache_key", vectors.key());
        line.put("train_rows", vectors.rows(Split.TRAIN));
        line.put("test_rows", vectors.rows(Split.TEST));
        line.put("dim", vectors.dim());
        line.put("extract_seconds", seconds);
        String json = new ObjectMapper().writeValueAsString(line);
        AtomicFiles.writeString(out.resolve("vectors.json"), json + "\n");
        System.out.println(json);
    }

    private static void run(Path dir, int layer, List<String> options) throws IOException {
        int limit = Integer.MAX_VALUE;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean withTest = true;
        for (int i = 0; i < options.size(); i++) {
            switch (options.get(i)) {
                case "--limit" -> limit = Integer.parseInt(options.get(++i));
                case "--threads" -> threads = Integer.parseInt(options.get(++i));
                case "--no-test" -> withTest = false;
                default -> throw new IllegalArgumentException("unknown option " + options.get(i));
            }
        }
        LabelledVectors train = read(dir, layer, "train", limit);
        LabelledVectors test = withTest ? read(dir, layer, "test", Integer.MAX_VALUE) : null;
        DirectProbeOptions opts = DirectProbeOptions.DEFAULTS.withThreads(threads);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        DirectProbeResult r = DirectProbe.run(train, test, opts, new MinuteLines(start, os));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;

        Map<String, Object> line = new LinkedHashMap<>();
        line.put("peer", "probelab");
        line.put("layer", layer);
        line.put("train_rows", train.rows());
        line.put("test_rows", test == null ? 0 : test.rows());
        line.put("threads", threads);
        line.put("seconds", seconds);
        // On a shared machine wall time depends on the load; CPU time (all threads, JIT and GC included) less so.
        line.put("cpu_seconds", cpuSeconds);
        line.put("phase_seconds", r.statistics().seconds());
        line.put("labels", r.labelCount());
        line.put("clusters", r.clusterCount());
        line.put("clusters_sha256", clustersChecksum(r));
        line.put("clusters_over_5", r.clusters().stream().filter(c -> c.size() > opts.smallCluster()).count());
        line.put("linear", r.linear());
        line.put("conflict_rows", r.conflicts().size());
        line.put("accuracy", r.prediction() == null ? null : r.prediction().accuracy());
        line.put("hull_solves", r.statistics().hullSolves());
        line.put("gram_rows", r.statistics().gramRows());
        line.put("undecided", r.statistics().undecided());
        line.put("merges_tried", r.statistics().mergesTried());
        line.put("merges_rejected", r.statistics().mergesRejected());
        line.put("simulated_rows", r.statistics().simulatedRows());
        line.put("peak_rss_mb", Rss.peakMb());
        Map<String, Double> pairs = new LinkedHashMap<>();
        for (DirectProbeResult.LabelPair p : r.labelPairs()) {
            pairs.put(p.first() + ":" + p.second(), p.meanDistance());
        }
        line.put("label_pair_mean_distance", pairs);
        System.out.println(new ObjectMapper().writeValueAsString(line));
    }

    /**
     * Progress on stderr: a line when a phase starts and at most one a minute within it, with the seconds since
     * the run started and the process's CPU seconds, so a run stopped at a time limit says how far it got (the
     * merges made, of their bound).
     */
    private static final class MinuteLines implements Progress {
        private final long start;
        private final com.sun.management.OperatingSystemMXBean os;
        private String task;
        private long lastLine;

        MinuteLines(long start, com.sun.management.OperatingSystemMXBean os) {
            this.start = start;
            this.os = os;
        }

        @Override
        public void update(String task, long done, long total) {
            update(task, done, total, "");
        }

        @Override
        public void update(String task, long done, long total, String note) {
            long now = System.nanoTime();
            if (task.equals(this.task) && done < total && now - lastLine < 60_000_000_000L) {
                return;
            }
            this.task = task;
            lastLine = now;
            System.err.printf(Locale.ROOT, "%7.0f s (%.0f CPU s)  %s %d/%d %s%n", (now - start) / 1e9,
                    os.getProcessCpuTime() / 1e9, task, done, total, note);
        }
    }

    /**
     * SHA-256 of the clusters (label and rows of each, in the result's order): two runs on the same rows
     * found the same clusters exactly when these agree, which is how engine changes are compared.
     */
    private static String clustersChecksum(DirectProbeResult r) {
        StringBuilder clusters = new StringBuilder();
        for (DirectProbeResult.Cluster c : r.clusters()) {
            clusters.append(c.label()).append(':').append(Arrays.toString(c.rows())).append('\n');
        }
        return Checksums.sha256(clusters.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The first {@code limit} rows of one layer's float32 file with their labels. */
    private static LabelledVectors read(Path dir, int layer, String split, int limit) throws IOException {
        List<String> labels = Files.readAllLines(dir.resolve(split + "-labels.txt"));
        int rows = Math.min(limit, labels.size());
        Path file = dir.resolve("l" + layer + "-" + split + ".f32");
        try (FileChannel channel = FileChannel.open(file)) {
            long dimLong = channel.size() / 4 / labels.size();
            int dim = (int) dimLong;
            FloatBuffer floats = channel.map(FileChannel.MapMode.READ_ONLY, 0, (long) rows * dim * 4)
                    .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            return new LabelledVectors(dim, floats, labels.subList(0, rows));
        }
    }
}
