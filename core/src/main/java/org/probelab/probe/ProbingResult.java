package org.probelab.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-layer probe scores of a {@link ProbingSpec}, with their provenance; when the spec names a
 * control task, the same probes' scores on it ({@code controlScores}), from which selectivity follows;
 * when it asks for MDL, each layer's online codelength per probe kind ({@code codelengths}); when it asks for
 * DirectProbe, each layer's clusters, distances and nearest-hull accuracy ({@code directProbes}, layer order).
 */
public record ProbingResult(ProbingSpec spec, Provenance provenance, List<LayerScore> scores,
                            List<LayerScore> controlScores, List<LayerCodelength> codelengths,
                            List<LayerDirectProbe> directProbes) {
    public ProbingResult {
        scores = List.copyOf(scores);
        // Results written before control tasks, MDL and DirectProbe existed have none of these lists.
        controlScores = controlScores == null ? List.of() : List.copyOf(controlScores);
        codelengths = codelengths == null ? List.of() : List.copyOf(codelengths);
        directProbes = directProbes == null ? List.of() : List.copyOf(directProbes);
    }

    /** A result without DirectProbe layers. */
    public ProbingResult(ProbingSpec spec, Provenance provenance, List<LayerScore> scores,
                         List<LayerScore> controlScores, List<LayerCodelength> codelengths) {
        this(spec, provenance, scores, controlScores, codelengths, List.of());
    }

    /** A result without control scores or codelengths. */
    public ProbingResult(ProbingSpec spec, Provenance provenance, List<LayerScore> scores) {
        this(spec, provenance, scores, List.of(), List.of(), List.of());
    }

    /** Warnings and caveats to print with the numbers ({@link ResultNotes}). */
    public List<String> notes() {
        return ResultNotes.of(this);
    }

    /** The scores of one probe kind, in layer order. */
    public List<LayerScore> of(ProbeKind kind) {
        return scores.stream().filter(s -> s.result().kind() == kind).toList();
    }

    /**
     * Task accuracy minus control accuracy of {@code kind}, per layer with both scores, in layer order;
     * empty when the run had no control task.
     */
    public List<LayerSelectivity> selectivity(ProbeKind kind) {
        List<LayerSelectivity> out = new ArrayList<>();
        for (LayerScore task : of(kind)) {
            controlScores.stream()
                    .filter(c -> c.layer() == task.layer() && c.result().kind() == kind)
                    .findFirst()
                    .ifPresent(control -> out.add(new LayerSelectivity(task.layer(), kind,
                            task.result().testAccuracy().mean(), control.result().testAccuracy().mean())));
        }
        return out;
    }
}
