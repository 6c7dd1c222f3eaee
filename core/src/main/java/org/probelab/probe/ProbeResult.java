package org.probelab.probe;

import java.util.List;

/**
 * The outcome of probing one layer with one probe kind: the config chosen on dev, every searched
 * config's dev accuracy and training outcome, and the chosen config retrained with several seeds
 * ({@code seedRuns}, in seed order) and scored on test ({@code seedEvaluations}, same order).
 */
public record ProbeResult(String subject, ProbeKind kind, ProbeConfig best, List<GridPoint> grid,
                          List<GridPoint> seedRuns, List<Evaluation> seedEvaluations, Summary testAccuracy,
                          Summary testMacroF1) {

    public ProbeResult {
        grid = List.copyOf(grid);
        seedRuns = List.copyOf(seedRuns);
        seedEvaluations = List.copyOf(seedEvaluations);
    }

    /** The first seed's test evaluation, whose confusion matrix is the one to show. */
    public Evaluation firstSeed() {
        return seedEvaluations.get(0);
    }

    /** Every probe trained for this result, searched configs and seeds. */
    public List<GridPoint> trainedProbes() {
        return java.util.stream.Stream.concat(grid.stream(), seedRuns.stream()).toList();
    }
}
