package org.probelab.bench;

import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.probelab.Progress;
import org.probelab.probe.GridPoint;
import org.probelab.probe.ProbeConfig;
import org.probelab.probe.ProbeDefaults;
import org.probelab.probe.ProbeKind;
import org.probelab.probe.ProbeResult;
import org.probelab.probe.ProbeSearch;
import org.probelab.represent.LabelledVectors;
import org.probelab.represent.Representations;
import org.probelab.represent.Task;
import org.probelab.data.Split;

/**
 * The product's MLP search against a reference search on the same cached vectors, one layer at a
 * time, side by side in one process: the product runs the paper's grid by successive halving with
 * the default budget; the reference trains every config of the grid ({@link ProbeSearch.Strategy#EXHAUSTIVE})
 * with {@value #REFERENCE_BUDGET_FACTOR}× the step budget and patience. Both retrain their choice with
 * the protocol's 5 seeds. Prints one JSON line per (layer, search).
 *
 * <p>Usage: {@code SearchBench VECTORS_DIR TASK LAYERS [--train-rows N] [--dev-rows N] [--only product|reference]}.
 * {@code --train-rows}/{@code --dev-rows} take a seeded random sample (the same rows for both searches),
 * so that the exhaustive reference fits a shared machine; test is always whole.
 */
public final class SearchBench {
    static final int REFERENCE_BUDGET_FACTOR = 2;

    private SearchBench() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[1];
        Representations vectors = Representations.open(Path.of(args[0]), Task.named(name));
        int[] layers = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        int trainRows = Integer.MAX_VALUE;
        int devRows = Integer.MAX_VALUE;
        String only = "";
        for (int i = 3; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--train-rows" -> trainRows = Integer.parseInt(args[i + 1]);
                case "--dev-rows" -> devRows = Integer.parseInt(args[i + 1]);
                case "--only" -> only = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        for (int layer : layers) {
            LabelledVectors train = sample(vectors.layer(Split.TRAIN, layer), trainRows, 1);
            LabelledVectors dev = sample(vectors.layer(Split.DEV, layer), devRows, 2);
            LabelledVectors test = vectors.layer(Split.TEST, layer);
            List<ProbeConfig> grid = ProbeDefaults.grid(ProbeKind.MLP, train.rows());
            if (!only.equals("reference")) {
                run(name, layer, "product", new ProbeSearch(grid, ProbeDefaults.SEEDS,
                        ProbeSearch.Strategy.SUCCESSIVE_HALVING, Progress.NONE), train, dev, test);
            }
            if (!only.equals("product")) {
                List<ProbeConfig> longer = grid.stream().map(SearchBench::longer).toList();
                run(name, layer, "reference", new ProbeSearch(longer, ProbeDefaults.SEEDS,
                        ProbeSearch.Strategy.EXHAUSTIVE, Progress.NONE), train, dev, test);
            }
        }
    }

    private static ProbeConfig longer(ProbeConfig c) {
        return new ProbeConfig(c.kind(), c.h1(), c.h2(), c.l2(), c.learningRate(), c.batchSize(),
                c.maxEpochs() * REFERENCE_BUDGET_FACTOR, c.patience() * REFERENCE_BUDGET_FACTOR, c.seed());
    }

    private static void run(String name, int layer, String search, ProbeSearch probeSearch, LabelledVectors train,
                            LabelledVectors dev, LabelledVectors test) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        ProbeResult result = probeSearch.run("layer " + layer, train, dev, test);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        List<GridPoint> trained = result.trainedProbes();
        long peaked = trained.stream().filter(p -> p.training().peakedAtLastEpoch()).count();
        int epochs = trained.stream().mapToInt(p -> p.training().epochs()).sum();
        List<String> seedAccuracies = new ArrayList<>();
        result.seedEvaluations().forEach(e -> seedAccuracies.add(String.format(Locale.ROOT, "%.5f", e.accuracy())));
        List<String> seedEpochs = new ArrayList<>();
        result.seedRuns().forEach(r -> seedEpochs.add(r.training().bestEpoch() + "/" + r.training().epochs()));
        System.out.printf(Locale.ROOT, "{\"set\": \"%s\", \"layer\": %d, \"search\": \"%s\", \"train_rows\": %d,"
                        + " \"dev_rows\": %d, \"test_rows\": %d, \"chosen\": \"%s\", \"test_mean\": %.5f, \"test_std\": %.5f,"
                        + " \"seed_accuracies\": [%s], \"seed_best_of_epochs\": [\"%s\"], \"epochs_trained\": %d,"
                        + " \"probes_trained\": %d, \"peaked_at_last_epoch\": %d, \"seconds\": %.1f, \"cpu_seconds\": %.1f}%n",
                name, layer, search, train.rows(), dev.rows(), test.rows(), result.best().describe(),
                result.testAccuracy().mean(), result.testAccuracy().std(), String.join(", ", seedAccuracies),
                String.join("\", \"", seedEpochs), epochs, trained.size(), peaked, seconds, cpuSeconds);
        System.out.flush();
    }

    /** {@code rows} rows of {@code data} drawn without replacement (seeded), in their original order. */
    static LabelledVectors sample(LabelledVectors data, int rows, long seed) {
        if (rows >= data.rows()) {
            return data;
        }
        int[] order = new int[data.rows()];
        Arrays.setAll(order, i -> i);
        Random random = new Random(seed);
        for (int i = 0; i < rows; i++) {
            int j = i + random.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] chosen = Arrays.copyOf(order, rows);
        Arrays.sort(chosen);
        int dim = data.dim();
        FloatBuffer sampled = FloatBuffer.allocate(rows * dim);
        List<String> labels = new ArrayList<>(rows);
        float[] row = new float[dim];
        for (int index : chosen) {
            data.row(index, row);
            sampled.put(row);
            labels.add(data.labels().get(index));
        }
        return new LabelledVectors(dim, sampled.flip(), labels);
    }
}
