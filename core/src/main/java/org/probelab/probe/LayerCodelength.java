package org.probelab.probe;

/** The online code of one layer's vectors with one probe kind, trained with {@code config} on each block. */
public record LayerCodelength(int layer, ProbeKind kind, ProbeConfig config, OnlineCodeResult code) {
}
