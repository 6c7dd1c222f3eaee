package org.probelab.probe;

/** One searched config with the dev accuracy of its best epoch. */
public record GridPoint(ProbeConfig config, double devAccuracy, int bestEpoch) {
}
