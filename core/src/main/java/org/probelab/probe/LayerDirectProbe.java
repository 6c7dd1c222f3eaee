package org.probelab.probe;

import org.probelab.geometry.DirectProbeSummary;

/**
 * DirectProbe on one layer: the training split clustered, with the nearest-hull prediction of the test split
 * ({@code train}), and, when the spec asks for it, the test split clustered on its own ({@code test}, else null).
 */
public record LayerDirectProbe(int layer, DirectProbeSummary train, DirectProbeSummary test) {
}
