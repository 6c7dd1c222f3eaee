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
import org.probelab.Progress;
import org.probelab.Versions;
import org.probelab.model.BertModel;
import org.probelab.model.DeviceOptions;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;
import org.probelab.represent.Extractor;
import org.probelab.represent.LabelledVectors;
import org.probelab.represent.Representations;
import org.probelab.represent.Task;
import org.probelab.text.BertTokenizer;
import org.probelab.text.DataSources;
import org.probelab.text.Dataset;
import org.probelab.text.Split;

/**
 * Probes every requested layer of a model: loads model and data, extracts the vectors (cached),
 * then searches and scores each probe kind per layer, and on the spec's control task when it names one.
 * Each finished (layer, probe) step is written to the run directory at once, so a run that is
 * interrupted resumes where it stopped.
 */
public final class LayerProbing {
    private final Path runDir;
    private final Path cacheRoot;
    private final DeviceOptions device;
    private final Progress progress;

    /**
     * @param runDir    where steps and results go; reused steps are read from here
     * @param cacheRoot the cache for models, data and representations
     */
    public LayerProbing(Path runDir, Path cacheRoot, DeviceOptions device, Progress progress) {
        this.runDir = runDir;
        this.cacheRoot = cacheRoot;
        this.device = device;
        this.progress = progress;
    }

    public ProbingResult run(ProbingSpec spec) throws IOException {
        Instant started = Instant.now();
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();
        Task task = Task.named(spec.task());
        Dataset data = DataSources.open(spec.data());
        task.requireServableBy(data);
        if (spec.control() != null) {
            ControlLabels.requireApplicable(spec.control(), task);
        }
        PretrainedModel pretrained = ModelStore.load(spec.model(), cacheRoot);
        int[] layers = resolveLayers(spec, pretrained);
        seconds.put("load", since(t));

        t = System.nanoTime();
        Representations vectors;
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(pretrained.vocab(), pretrained.lowerCase());
        try (BertModel model = BertModel.create(pretrained.config(), pretrained.weights(), device)) {
            vectors = Extractor.extract(model, pretrained.id() + "@" + pretrained.checksum(), tokenizer, data, task,
                    spec.extraction().withLayers(layers), cacheRoot.resolve("representations"), progress);
        }
        seconds.put("extract", since(t));

        t = System.nanoTime();
        List<LayerScore> scores = new ArrayList<>();
        StaleSteps stale = new StaleSteps();
        for (ProbeKind kind : spec.probes()) {
            for (int layer : layers) {
                scores.add(new LayerScore(layer, probeStep(spec, kind, layer, "",
                        split -> vectors.layer(split, layer), data.checksum(), pretrained.checksum(), stale)));
            }
        }
        seconds.put("probe", since(t));

        List<LayerScore> controlScores = new ArrayList<>();
        if (spec.control() != null) {
            t = System.nanoTime();
            Map<Split, List<String>> controlLabels = ControlLabels.of(spec.control(), data, task, goldLabels(vectors),
                    ControlTask.SEED);
            String suffix = "-control-" + spec.control().id();
            for (ProbeKind kind : spec.probes()) {
                for (int layer : layers) {
                    controlScores.add(new LayerScore(layer, probeStep(spec, kind, layer, suffix,
                            split -> relabelled(vectors.layer(split, layer), controlLabels.get(split)),
                            data.checksum(), pretrained.checksum(), stale)));
                }
            }
            seconds.put("control", since(t));
        }

        Map<String, Long> rows = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            rows.put(split.name().toLowerCase(Locale.ROOT), vectors.rows(split));
        }
        Provenance provenance = new Provenance(pretrained.id(), pretrained.checksum(), data.name(), data.checksum(),
                rows, vectors.key(), device.describe(), Versions.all(), started.toString(), seconds);
        ProbingResult result = new ProbingResult(spec, provenance, scores, controlScores);
        ProbingJson.write(result, runDir.resolve("results.json"));
        return result;
    }

    /**
     * Searches and scores one probe kind on one layer, or reads the step back when it is finished;
     * {@code suffix} tells a control step's file from the task's. A finished step is reused only when
     * it was computed on the same data and weights: a data source or model directory whose content
     * changed gives the same spec, and so the same run directory.
     */
    private ProbeResult probeStep(ProbingSpec spec, ProbeKind kind, int layer, String suffix,
                                  Function<Split, LabelledVectors> split, String dataChecksum,
                                  String modelChecksum, StaleSteps stale) throws IOException {
        Path step = runDir.resolve("steps").resolve(String.format(Locale.ROOT, "layer-%02d-%s%s.json", layer,
                kind.name().toLowerCase(Locale.ROOT), suffix));
        if (Files.exists(step)) {
            Optional<ProbeStep> finished = readable(step).filter(s -> s.computedOn(dataChecksum, modelChecksum));
            if (finished.isPresent()) {
                return finished.get().result();
            }
            stale.report(runDir.resolve("steps"), progress);
        }
        List<ProbeConfig> candidates = spec.quick() ? List.of(ProbeDefaults.quick(kind)) : ProbeDefaults.grid(kind);
        ProbeSearch search = new ProbeSearch(candidates, spec.seedsOrDefault(), progress);
        ProbeResult result = search.run("layer " + layer + " " + kind.name().toLowerCase(Locale.ROOT) + suffix,
                split.apply(Split.TRAIN), split.apply(Split.DEV), split.apply(Split.TEST));
        ProbingJson.write(new ProbeStep(dataChecksum, modelChecksum, result), step);
        return result;
    }

    /** A step written by an older version, without checksums, cannot be trusted and is recomputed. */
    private static Optional<ProbeStep> readable(Path step) {
        try {
            return Optional.of(ProbingJson.read(step, ProbeStep.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Says once per run that finished steps are being recomputed. */
    private static final class StaleSteps {
        private boolean reported;

        void report(Path steps, Progress progress) {
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
