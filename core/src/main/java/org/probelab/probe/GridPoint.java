package org.probelab.probe;

/** One trained config with the dev accuracy of its kept epoch and how its training ended. */
public record GridPoint(ProbeConfig config, double devAccuracy, TrainingOutcome training) {
}
