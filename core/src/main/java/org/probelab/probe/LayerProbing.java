package org.probelab.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.probelab.Interruption;
import org.probelab.Progress;
import org.probelab.RunInterruptedException;
import org.probelab.Versions;
import org.probelab.io.CacheRoot;
import org.probelab.model.BertModel;
import org.probelab.model.DeviceOptions;
import org.probelab.model.ModelStore;
import org.probelab.model.NativeLibraries;
import org.probelab.model.PretrainedModel;
import org.probelab.represent.Extractor;
import org.probelab.represent.LabelledVectors;
import org.probelab.represent.Representations;
import org.probelab.represent.Task;
import org.probelab.text.BertTokenizer;
import org.probelab.data.DataSources;
import org.probelab.data.Dataset;
import org.probelab.data.Split;
import org.probelab.geometry.DirectProbe;
import org.probelab.geometry.DirectProbeSummary;

/**
 * Probes every requested layer of a model: loads model and data, extracts the vectors (cached),
 * then searches and scores each probe kind per layer, on the spec's control task when it names one, and
 * measures online codelengths when it asks for MDL, and runs DirectProbe on every layer when it asks for it.
 * Each finished (layer, probe) step is written to the run directory at once, so a run that is
 * interrupted resumes where it stopped.
 *
 * <p>The run directory is created with the first finished step, together with {@value #SPEC_FILE}:
 * a run that fails on its input, or stops before any step finished, leaves no directory behind.
 */
public final class LayerProbing {
    public static final String SPEC_FILE = "spec.json";
    public static final String RESULTS_FILE = "results.json";
    private static final String STEPS_DIR = "steps";
    /** DirectProbe's progress line, one unit per layer (a layer's clustering does not report inside). */
    private static final String DIRECTPROBE_TASK = "directprobe layers";

    private final Path runDir;
    private final Path cacheRoot;
    private final DeviceOptions device;
    private final Progress progress;
    /** Whether this run's vectors are in the cache, for saying what an interruption kept. */
    private boolean vectorsCached;

    /**
     * @param runDir    where steps and results go; reused steps are read from here
     * @param cacheRoot the cache for models, data and representations ({@link CacheRoot})
     */
    public LayerProbing(Path runDir, Path cacheRoot, DeviceOptions device, Progress progress) {
        this.runDir = runDir;
        this.cacheRoot = cacheRoot;
        this.device = device;
        this.progress = progress;
    }

    /**
     * @throws RunInterruptedException when {@link Interruption} asked to stop; the run stops after the
     *                                  TensorFlow step in progress and its message says what was kept
     */
    public ProbingResult run(ProbingSpec spec) throws IOException {
        NativeLibraries.keepIn(CacheRoot.of(cacheRoot));
        vectorsCached = false;
        try {
            return probe(spec, Interruption.checking(progress));
        } catch (RunInterruptedException e) {
            throw new RunInterruptedException(kept());
        }
    }

    private String kept() throws IOException {
        Path steps = runDir.resolve(STEPS_DIR);
        long finished = 0;
        if (Files.isDirectory(steps)) {
            try (var files = Files.list(steps)) {
                finished = files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
            }
        }
        return "interrupted; " + (vectorsCached ? "the vectors are cached" : "the vectors being extracted were not kept")
                + ", " + finished + " finished probe step" + (finished == 1 ? "" : "s") + " kept"
                + (finished > 0 ? " in " + runDir : "") + "; the same command resumes from there";
    }

    private ProbingResult probe(ProbingSpec spec, Progress checked) throws IOException {
        Instant started = Instant.now();
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();
        Dataset data = DataSources.open(spec.data(), CacheRoot.of(cacheRoot));
        Task task = Task.named(spec.task(), data.columns());
        task.requireRowsInEverySplit(data);
        if (spec.control() != null) {
            ControlLabels.requireApplicable(spec.control(), task);
        }
        PretrainedModel pretrained = ModelStore.load(spec.model(), cacheRoot);
        int[] layers = resolveLayers(spec, pretrained);
        seconds.put("load", since(t));

        t = System.nanoTime();
        Representations vectors;
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(pretrained.vocab(), pretrained.lowerCase());
        String ranOn;
        try (BertModel model = BertModel.create(pretrained.config(), pretrained.weights(),
                device.withPrecision(spec.extraction().compute()))) {
            ranOn = model.device().describe();
            vectors = Extractor.extract(model, pretrained.encoderId(), tokenizer, data, task,
                    spec.extraction().withLayers(layers), CacheRoot.of(cacheRoot).representations(), checked);
        }
        vectorsCached = true;
        seconds.put("extract", since(t));

        t = System.nanoTime();
        List<LayerScore> scores = new ArrayList<>();
        StaleSteps stale = new StaleSteps();
        for (ProbeKind kind : spec.probes()) {
            scores.addAll(ConcurrentLayers.run(layers, device.probeLayersAtOnce(), probeTask(kind, ""), checked,
                    (layer, layerProgress) -> new LayerScore(layer, probeStep(spec, kind, layer, "", split -> vectors.layer(split, layer),
                            data.checksum(), pretrained.checksum(), stale, layerProgress))));
        }
        seconds.put("probe", since(t));

        List<LayerScore> controlScores = new ArrayList<>();
        if (spec.control() != null) {
            t = System.nanoTime();
            Map<Split, List<String>> controlLabels = ControlLabels.of(spec.control(), data, task, goldLabels(vectors),
                    ControlTask.SEED);
            String suffix = "-control-" + spec.control().id();
            for (ProbeKind kind : spec.probes()) {
                controlScores.addAll(ConcurrentLayers.run(layers, device.probeLayersAtOnce(), probeTask(kind, suffix),
                        checked, (layer, layerProgress) -> new LayerScore(layer, probeStep(spec, kind, layer, suffix,
                                split -> relabelled(vectors.layer(split, layer), controlLabels.get(split)),
                                data.checksum(), pretrained.checksum(), stale, layerProgress))));
            }
            seconds.put("control", since(t));
        }

        List<LayerCodelength> codelengths = new ArrayList<>();
        if (spec.mdl()) {
            t = System.nanoTime();
            for (LayerScore score : scores) {
                codelengths.add(codelengthStep(spec, score, vectors, data.checksum(), pretrained.checksum(), stale));
            }
            seconds.put("mdl", since(t));
        }

        List<LayerDirectProbe> directProbes = new ArrayList<>();
        if (spec.directProbe() != null) {
            t = System.nanoTime();
            for (int i = 0; i < layers.length; i++) {
                checked.update(DIRECTPROBE_TASK, i, layers.length); // also where Ctrl-C stops between layers
                directProbes.add(directProbeStep(spec, layers[i], vectors, data.checksum(), pretrained.checksum(), stale,
                        checked));
            }
            checked.update(DIRECTPROBE_TASK, layers.length, layers.length);
            seconds.put("directprobe", since(t));
        }

        Map<String, Long> rows = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            rows.put(split.name().toLowerCase(Locale.ROOT), vectors.rows(split));
        }
        Provenance provenance = new Provenance(pretrained.id(), pretrained.checksum(), data.name(), data.checksum(),
                rows, vectors.key(), ranOn, Versions.all(), started.toString(), seconds);
        ProbingResult result = new ProbingResult(spec, provenance, scores, controlScores, codelengths, directProbes);
        keep(spec, result, runDir.resolve(RESULTS_FILE));
        return result;
    }

    /** The progress task of one probe kind over the layers, e.g. "probe mlp layers". */
    private static String probeTask(ProbeKind kind, String suffix) {
        return "probe " + kind.name().toLowerCase(Locale.ROOT) + suffix + " layers";
    }

    /**
     * Searches and scores one probe kind on one layer, or reads the step back when it is finished;
     * {@code suffix} tells a control step's file from the task's. A finished step is reused only when
     * it was computed on the same data and weights: a data source or model directory whose content
     * changed gives the same spec, and so the same run directory.
     */
    private ProbeResult probeStep(ProbingSpec spec, ProbeKind kind, int layer, String suffix,
                                  Function<Split, LabelledVectors> split, String dataChecksum,
                                  String modelChecksum, StaleSteps stale, Progress progress) throws IOException {
        Path step = runDir.resolve(STEPS_DIR).resolve(String.format(Locale.ROOT, "layer-%02d-%s%s.json", layer,
                kind.name().toLowerCase(Locale.ROOT), suffix));
        if (Files.exists(step)) {
            Optional<ProbeStep> finished = readable(step, ProbeStep.class).filter(s -> s.computedOn(dataChecksum, modelChecksum));
            if (finished.isPresent()) {
                return finished.get().result();
            }
            stale.report(runDir.resolve(STEPS_DIR), progress);
        }
        LabelledVectors train = split.apply(Split.TRAIN);
        List<ProbeConfig> candidates = spec.quick() ? List.of(ProbeDefaults.quick(kind, train.rows()))
                : ProbeDefaults.grid(kind, train.rows());
        ProbeSearch search = new ProbeSearch(candidates, spec.seedsOrDefault(),
                ProbeSearch.Strategy.SUCCESSIVE_HALVING, progress);
        ProbeResult result = search.run("layer " + layer + " " + kind.name().toLowerCase(Locale.ROOT) + suffix,
                train, split.apply(Split.DEV), split.apply(Split.TEST));
        keep(spec, new ProbeStep(dataChecksum, modelChecksum, result), step);
        return result;
    }

    /**
     * The online code of a probed layer with the config its probe search chose, or the finished step read back
     * when it was computed on the same data, weights and config.
     */
    private LayerCodelength codelengthStep(ProbingSpec spec, LayerScore score, Representations vectors, String dataChecksum,
                                           String modelChecksum, StaleSteps stale) throws IOException {
        ProbeKind kind = score.result().kind();
        ProbeConfig config = score.result().best();
        Path step = runDir.resolve(STEPS_DIR).resolve(String.format(Locale.ROOT, "layer-%02d-%s-mdl.json", score.layer(),
                kind.name().toLowerCase(Locale.ROOT)));
        if (Files.exists(step)) {
            Optional<CodelengthStep> finished = readable(step, CodelengthStep.class)
                    .filter(s -> s.computedOn(dataChecksum, modelChecksum) && s.codelength().config().equals(config));
            if (finished.isPresent()) {
                return finished.get().codelength();
            }
            stale.report(runDir.resolve(STEPS_DIR), progress);
        }
        OnlineCodeResult code = new OnlineCode(config, config.seed(), progress).measure(score.result().subject(),
                vectors.layer(Split.TRAIN, score.layer()), vectors.layer(Split.DEV, score.layer()));
        LayerCodelength result = new LayerCodelength(score.layer(), kind, config, code);
        keep(spec, new CodelengthStep(dataChecksum, modelChecksum, result), step);
        return result;
    }

    /**
     * DirectProbe on one layer: the training split clustered and the test split predicted, the test split
     * clustered too when the spec asks; or the finished step read back when it was computed on the same data,
     * weights, vectors and settings.
     */
    private LayerDirectProbe directProbeStep(ProbingSpec spec, int layer, Representations vectors, String dataChecksum,
                                             String modelChecksum, StaleSteps stale, Progress progress) throws IOException {
        DirectProbeSpec settings = spec.directProbe();
        Path step = runDir.resolve(STEPS_DIR).resolve(String.format(Locale.ROOT, "layer-%02d-directprobe.json", layer));
        if (Files.exists(step)) {
            Optional<DirectProbeStep> finished = readable(step, DirectProbeStep.class)
                    .filter(s -> s.computedOn(dataChecksum, modelChecksum, vectors.key(), settings));
            if (finished.isPresent()) {
                return finished.get().result();
            }
            stale.report(runDir.resolve(STEPS_DIR), progress);
        }
        LabelledVectors test = vectors.layer(Split.TEST, layer);
        DirectProbeSummary train = DirectProbeSummary.of(
                DirectProbe.run(vectors.layer(Split.TRAIN, layer), test, settings.options(), progress));
        DirectProbeSummary clusteredTest = settings.clusterTest()
                ? DirectProbeSummary.of(DirectProbe.run(test, null, settings.options(), progress)) : null;
        LayerDirectProbe result = new LayerDirectProbe(layer, train, clusteredTest);
        keep(spec, new DirectProbeStep(dataChecksum, modelChecksum, vectors.key(), settings, result), step);
        return result;
    }

    /** A step written by an older version, without checksums, cannot be trusted and is recomputed. */
    private static <T> Optional<T> readable(Path step, Class<T> type) {
        try {
            return Optional.of(ProbingJson.read(step, type));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Says once per run that finished steps are being recomputed. */
    private static final class StaleSteps {
        private boolean reported;

        synchronized void report(Path steps, Progress progress) {
            if (!reported) {
                reported = true;
                progress.note("finished steps in " + steps + " were computed on other data or weights; recomputing them");
            }
        }
    }

    private static Map<Split, List<String>> goldLabels(Representations vectors) {
        Map<Split, List<String>> gold = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            gold.put(split, vectors.labels(split));
        }
        return gold;
    }

    private static LabelledVectors relabelled(LabelledVectors vectors, List<String> labels) {
        return new LabelledVectors(vectors.dim(), vectors.vectors(), labels);
    }

    /** Writes a file of the run, the spec first when it is the run's first. */
    private void keep(ProbingSpec spec, Object value, Path file) throws IOException {
        Path specFile = runDir.resolve(SPEC_FILE);
        if (!Files.exists(specFile)) {
            ProbingJson.write(spec, specFile);
        }
        ProbingJson.write(value, file);
    }

    private static int[] resolveLayers(ProbingSpec spec, PretrainedModel model) {
        int states = model.config().numHiddenStates();
        if (spec.layers().isEmpty()) {
            int[] all = new int[states];
            for (int i = 0; i < states; i++) {
                all[i] = i;
            }
            return all;
        }
        for (int layer : spec.layers()) {
            if (layer < 0 || layer >= states) {
                throw new IllegalArgumentException("layers: " + model.id() + " has hidden states 0.." + (states - 1)
                        + " (0 = embeddings, " + (states - 1) + " = last layer); layer " + layer + " does not exist");
            }
        }
        return spec.layers().stream().distinct().sorted().mapToInt(Integer::intValue).toArray();
    }

    private static double since(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
    }
}
