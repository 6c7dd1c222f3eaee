package org.probelab.probe;

/**
 * One probe kind on one layer: mean test accuracy on the task and on its control task (Hewitt & Liang 2019).
 * A high selectivity means the accuracy comes from the representation rather than from the probe's capacity.
 */
public record LayerSelectivity(int layer, ProbeKind kind, double taskAccuracy, double controlAccuracy) {
    /** Task accuracy minus control accuracy. */
    public double selectivity() {
        return taskAccuracy - controlAccuracy;
    }
}
