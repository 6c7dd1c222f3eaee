package org.probelab.probe;

import java.util.Objects;

/**
 * One finished DirectProbe layer as kept in a run directory, with what it was computed on: a rerun reuses it
 * only when the data, the weights, the cached vectors and the DirectProbe settings all still match.
 */
record DirectProbeStep(String dataChecksum, String modelChecksum, String representationKey, DirectProbeSpec spec,
                       LayerDirectProbe result) {
    DirectProbeStep {
        Objects.requireNonNull(result, "result");
    }

    boolean computedOn(String data, String model, String representations, DirectProbeSpec settings) {
        return Objects.equals(dataChecksum, data) && Objects.equals(modelChecksum, model)
                && Objects.equals(representationKey, representations) && Objects.equals(spec, settings);
    }
}
