package org.probelab.probe;

import java.util.List;

/**
 * The outcome of probing one layer with one probe kind: the config chosen on dev, every searched
 * config's dev accuracy, and the chosen config retrained with several seeds and scored on test.
 */
public record ProbeResult(String subject, ProbeKind kind, ProbeConfig best, List<GridPoint> grid,
                          List<Evaluation> seedEvaluations, Summary testAccuracy, Summary testMacroF1) {

    public ProbeResult {
        grid = List.copyOf(grid);
        seedEvaluations = List.copyOf(seedEvaluations);
    }

    /** The first seed's test evaluation, whose confusion matrix is the one to show. */
    public Evaluation firstSeed() {
        return seedEvaluations.get(0);
    }
}
