package org.probelab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.probelab.Progress;
import org.probelab.model.ComputePrecision;
import org.probelab.model.DeviceOptions;
import org.probelab.model.EasyBert;
import org.probelab.probe.LayerProbing;
import org.probelab.probe.LayerScore;
import org.probelab.probe.ProbeKind;
import org.probelab.probe.ProbingResult;
import org.probelab.probe.ProbingSpec;
import org.probelab.represent.ExtractionOptions;
import org.probelab.represent.LabelledVectors;
import org.probelab.represent.Representations;
import org.probelab.represent.Task;
import org.probelab.io.CacheRoot;
import org.probelab.data.Split;

/**
 * What bf16 compute does to the vectors and to what probes read from them: BERT-base probed for POS and
 * DEP on every layer twice, from float32 and from bf16 vectors (the engine's own run, quick mode, the same
 * seeds), then per layer the max and mean |difference| of the vectors over every word and the difference
 * in test accuracy. Two probes: the MLP, whose seeds scatter (their std over seeds is reported beside,
 * so a difference can be set against that noise), and the linear probe, solved to the optimum of a
 * convex problem and so free of seed noise: its difference is what bf16 alone changes. Prints one JSON line.
 *
 * <p>Usage: {@code Bf16Fidelity CONLLU WORK_DIR [--seeds N]}; the cache is {@code WORK_DIR/cache}.
 */
public final class Bf16Fidelity {
    private static final List<String> TASKS = List.of("pos", "dep");

    private Bf16Fidelity() {
    }

    public static void main(String[] args) throws Exception {
        String data = "conllu:" + Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]);
        int seeds = args.length > 3 && args[2].equals("--seeds") ? Integer.parseInt(args[3]) : 3;
        Path cache = work.resolve("cache");
        Files.createDirectories(cache);

        Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", "bf16-fidelity");
        line.put("data", data);
        line.put("seeds", seeds);
        line.put("cpu_has_bf16", ComputePrecision.cpuHasBf16());
        double maxPoints = 0;
        double sumPoints = 0;
        int comparisons = 0;
        for (String task : TASKS) {
            ProbingResult float32 = probe(work, cache, data, task, seeds, ComputePrecision.FLOAT32);
            ProbingResult bf16 = probe(work, cache, data, task, seeds, ComputePrecision.BF16);
            List<Map<String, Object>> layers = new ArrayList<>();
            Representations a = open(cache, float32);
            Representations b = open(cache, bf16);
            List<LayerScore> fs = float32.of(ProbeKind.MLP);
            List<LayerScore> bs = bf16.of(ProbeKind.MLP);
            List<LayerScore> linearF = float32.of(ProbeKind.LINEAR);
            List<LayerScore> linearB = bf16.of(ProbeKind.LINEAR);
            for (int i = 0; i < fs.size(); i++) {
                int layer = fs.get(i).layer();
                double[] diff = vectorDiff(a, b, layer);
                double accF = fs.get(i).result().testAccuracy().mean();
                double accB = bs.get(i).result().testAccuracy().mean();
                double points = Math.abs(accB - accF) * 100;
                maxPoints = Math.max(maxPoints, points);
                sumPoints += points;
                comparisons++;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("layer", layer);
                row.put("max_abs_diff", diff[0]);
                row.put("mean_abs_diff", diff[1]);
                row.put("max_abs_value", diff[2]);
                row.put("accuracy_float32", accF);
                row.put("accuracy_bf16", accB);
                row.put("seed_std_float32", fs.get(i).result().testAccuracy().std());
                row.put("seed_std_bf16", bs.get(i).result().testAccuracy().std());
                row.put("linear_accuracy_float32", linearF.get(i).result().testAccuracy().mean());
                row.put("linear_accuracy_bf16", linearB.get(i).result().testAccuracy().mean());
                layers.add(row);
            }
            line.put(task, layers);
            line.put(task + "_test_words", a.rows(Split.TEST));
            line.put(task + "_extract_seconds_float32", float32.provenance().seconds().get("extract"));
            line.put(task + "_extract_seconds_bf16", bf16.provenance().seconds().get("extract"));
        }
        line.put("probe_max_abs_diff_points", maxPoints);
        line.put("probe_mean_abs_diff_points", sumPoints / comparisons);
        System.out.println(new ObjectMapper().writeValueAsString(line));
    }

    private static ProbingResult probe(Path work, Path cache, String data, String task, int seeds,
            ComputePrecision precision) throws Exception {
        ProbingSpec spec = new ProbingSpec(EasyBert.ID, data, task, List.of(), List.of(ProbeKind.MLP, ProbeKind.LINEAR), true, seeds,
                ExtractionOptions.DEFAULTS.withCompute(precision));
        Path runDir = work.resolve("runs").resolve(task + "-" + precision.label());
        return new LayerProbing(runDir, cache, DeviceOptions.cpu(), Progress.NONE).run(spec);
    }

    private static Representations open(Path cache, ProbingResult result) throws Exception {
        return Representations.open(CacheRoot.of(cache).representations().resolve(result.provenance().representationKey()),
                Task.named(result.spec().task()));
    }

    /** Max |a - b|, mean |a - b| and max |a| over every vector of every split at {@code layer}. */
    private static double[] vectorDiff(Representations a, Representations b, int layer) {
        double max = 0;
        double sum = 0;
        double maxValue = 0;
        long count = 0;
        for (Split split : Split.values()) {
            LabelledVectors x = a.layer(split, layer);
            LabelledVectors y = b.layer(split, layer);
            for (int i = 0; i < x.rows() * x.dim(); i++) {
                float u = x.vectors().get(i);
                double d = Math.abs(u - y.vectors().get(i));
                max = Math.max(max, d);
                maxValue = Math.max(maxValue, Math.abs(u));
                sum += d;
                count++;
            }
        }
        return new double[] {max, sum / count, maxValue};
    }
}
