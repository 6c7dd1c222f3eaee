package org.probelab.probe;

import java.util.List;

/** The per-layer probe scores of a {@link ProbingSpec}, with their provenance. */
public record ProbingResult(ProbingSpec spec, Provenance provenance, List<LayerScore> scores) {
    public ProbingResult {
        scores = List.copyOf(scores);
    }

    /** Warnings and caveats to print with the numbers ({@link ResultNotes}). */
    public List<String> notes() {
        return ResultNotes.of(this);
    }

    /** The scores of one probe kind, in layer order. */
    public List<LayerScore> of(ProbeKind kind) {
        return scores.stream().filter(s -> s.result().kind() == kind).toList();
    }
}
