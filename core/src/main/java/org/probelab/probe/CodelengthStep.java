package org.probelab.probe;

import java.util.Objects;

/**
 * One finished online-code step as kept in a run directory, with the checksums of the data and weights it
 * was computed on: a rerun reuses it only when both still match (as {@link ProbeStep} for probes).
 */
record CodelengthStep(String dataChecksum, String modelChecksum, LayerCodelength codelength) {
    CodelengthStep {
        Objects.requireNonNull(codelength, "codelength");
    }

    boolean computedOn(String data, String model) {
        return Objects.equals(dataChecksum, data) && Objects.equals(modelChecksum, model);
    }
}
