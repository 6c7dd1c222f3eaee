package org.probelab.probe;

import java.util.Objects;

/**
 * One finished (layer, probe) step as kept in a run directory, with the checksums of the data and weights
 * it was computed on: a rerun reuses it only when both still match.
 */
record ProbeStep(String dataChecksum, String modelChecksum, ProbeResult result) {
    ProbeStep {
        Objects.requireNonNull(result, "result");
    }

    boolean computedOn(String data, String model) {
        return Objects.equals(dataChecksum, data) && Objects.equals(modelChecksum, model);
    }
}
