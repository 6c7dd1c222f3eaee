package org.probelab.probe;

import java.util.List;
import org.probelab.represent.ExtractionOptions;
import org.probelab.represent.SentencePooling;
import org.probelab.represent.Task;

/**
 * What a per-layer probing run does: one model, one data set, one task, some layers, some probe
 * kinds. Plain values only, so a spec can be written to JSON, compared and re-run.
 *
 * @param model  a model id ({@code bert-base-uncased}) or a directory with Google or HF weights
 * @param data   a data source, see {@link org.probelab.data.DataSources}
 * @param task   {@code pos}, {@code xpos}, {@code dep}, {@code dep-full}, {@code sentence} or {@code column:N}
 * @param layers hidden states to probe (0 = embeddings); empty means all
 * @param probes probe kinds, each searched and scored per layer
 * @param quick  one sensible config per kind instead of the paper's grid search
 * @param seeds  seeds per chosen config; 0 means the default of the mode
 * @param control a control task probed beside the task on every layer and kind, for selectivity; null for none
 * @param mdl     also measure each layer's online codelength ({@link OnlineCode}) with each kind's chosen config
 * @param directProbe DirectProbe on every layer ({@link org.probelab.geometry.DirectProbe}); null for none
 */
public record ProbingSpec(String model, String data, String task, List<Integer> layers, List<ProbeKind> probes,
                          boolean quick, int seeds, ExtractionOptions extraction, ControlTask control,
                          boolean mdl, DirectProbeSpec directProbe) {
    public ProbingSpec {
        layers = List.copyOf(layers);
        probes = List.copyOf(probes);
        if (probes.isEmpty()) {
            throw new IllegalArgumentException("probes: name at least one probe kind (MLP, LINEAR)");
        }
        if (seeds < 0) {
            throw new IllegalArgumentException("seeds: must be 0 (the default) or more, got " + seeds);
        }
    }

    /** A spec without a control task or codelengths. */
    public ProbingSpec(String model, String data, String task, List<Integer> layers, List<ProbeKind> probes,
                       boolean quick, int seeds, ExtractionOptions extraction) {
        this(model, data, task, layers, probes, quick, seeds, extraction, null, false, null);
    }

    /** A spec without DirectProbe. */
    public ProbingSpec(String model, String data, String task, List<Integer> layers, List<ProbeKind> probes,
                       boolean quick, int seeds, ExtractionOptions extraction, ControlTask control, boolean mdl) {
        this(model, data, task, layers, probes, quick, seeds, extraction, control, mdl, null);
    }

    /** The same spec with {@code newControl} probed beside the task (null for none). */
    public ProbingSpec withControl(ControlTask newControl) {
        return new ProbingSpec(model, data, task, layers, probes, quick, seeds, extraction, newControl, mdl, directProbe);
    }

    /** The same spec, measuring online codelengths or not. */
    public ProbingSpec withMdl(boolean measure) {
        return new ProbingSpec(model, data, task, layers, probes, quick, seeds, extraction, control, measure, directProbe);
    }

    /** The same spec with DirectProbe on every layer as {@code settings} say (null for none). */
    public ProbingSpec withDirectProbe(DirectProbeSpec settings) {
        return new ProbingSpec(model, data, task, layers, probes, quick, seeds, extraction, control, mdl, settings);
    }

    /** The README's main job: BERT-base, the demo treebank, POS, every layer, MLP and linear, quick. */
    public static ProbingSpec quickstart() {
        return new ProbingSpec("bert-base-uncased", "demo", "pos", List.of(), List.of(ProbeKind.MLP, ProbeKind.LINEAR),
                true, 0, ExtractionOptions.DEFAULTS);
    }

    /**
     * The task as tables and figures name it: a sentence task names its pooling ({@code sentence, [CLS]
     * pooling}, {@code genre, mean pooling}), since [CLS] and mean vectors answer different questions.
     */
    public String describeTask() {
        if (!Task.perSentence(task)) {
            return Task.describe(task);
        }
        return task + (extraction.sentencePooling() == SentencePooling.CLS ? ", [CLS] pooling" : ", mean pooling");
    }

    public int seedsOrDefault() {
        if (seeds > 0) {
            return seeds;
        }
        return quick ? ProbeDefaults.QUICK_SEEDS : ProbeDefaults.SEEDS;
    }
}
