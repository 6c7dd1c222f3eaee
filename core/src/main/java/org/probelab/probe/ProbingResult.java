package org.probelab.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-layer probe scores of a {@link ProbingSpec}, with their provenance; when the spec names a
 * control task, the same probes' scores on it ({@code controlScores}), from which selectivity follows.
 */
public record ProbingResult(ProbingSpec spec, Provenance provenance, List<LayerScore> scores,
                            List<LayerScore> controlScores) {
    public ProbingResult {
        scores = List.copyOf(scores);
        controlScores = controlScores == null ? List.of() : List.copyOf(controlScores);
    }

    /** A result without control scores. */
    public ProbingResult(ProbingSpec spec, Provenance provenance, List<LayerScore> scores) {
        this(spec, provenance, scores, List.of());
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
