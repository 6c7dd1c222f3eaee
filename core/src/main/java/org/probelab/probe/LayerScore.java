package org.probelab.probe;

/** One probe kind's result on one layer (0 = embeddings). */
public record LayerScore(int layer, ProbeResult result) {
}
