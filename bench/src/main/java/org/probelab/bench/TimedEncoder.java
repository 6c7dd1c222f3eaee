package org.probelab.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import org.probelab.model.ComputePrecision;
import org.probelab.model.Encoder;
import org.probelab.model.HiddenStates;

/**
 * Passes batches through to an encoder while counting the padded work and the time spent in it, wall
 * and CPU (the whole process's, all threads): on a shared machine the CPU time moves far less with the
 * load than the wall time does.
 */
final class TimedEncoder implements Encoder {
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Encoder encoder;
    private final PaddedWork work = new PaddedWork();
    private long forwardNanos;
    private long firstForwardNanos;
    private long forwardCpuNanos;
    private long firstForwardCpuNanos;

    TimedEncoder(Encoder encoder) {
        this.encoder = encoder;
    }

    PaddedWork work() {
        return work;
    }

    double forwardSeconds() {
        return forwardNanos / 1e9;
    }

    /**
     * The first batch's forward alone: it includes what a session does once (graph optimisation, the
     * bf16 rewrite, oneDNN's first kernels), so set against the other batches it shows the fixed cost.
     */
    double firstForwardSeconds() {
        return firstForwardNanos / 1e9;
    }

    /** CPU time of the process during the forwards. */
    double forwardCpuSeconds() {
        return forwardCpuNanos / 1e9;
    }

    /** CPU time of the process during the first forward. */
    double firstForwardCpuSeconds() {
        return firstForwardCpuNanos / 1e9;
    }

    @Override
    public int numHiddenStates() {
        return encoder.numHiddenStates();
    }

    @Override
    public int hiddenSize() {
        return encoder.hiddenSize();
    }

    @Override
    public ComputePrecision computePrecision() {
        return encoder.computePrecision();
    }

    @Override
    public int maxSequenceLength() {
        return encoder.maxSequenceLength();
    }

    @Override
    public HiddenStates encode(int[][] ids, int[] lengths, int[] layers) {
        long start = System.nanoTime();
        long cpuStart = OS.getProcessCpuTime();
        HiddenStates states = encoder.encode(ids, lengths, layers);
        long cpuNanos = OS.getProcessCpuTime() - cpuStart;
        long nanos = System.nanoTime() - start;
        if (forwardNanos == 0) {
            firstForwardNanos = nanos;
            firstForwardCpuNanos = cpuNanos;
        }
        forwardNanos += nanos;
        forwardCpuNanos += cpuNanos;
        long real = 0;
        for (int length : lengths) {
            real += length;
        }
        work.addBatch(ids.length, ids[0].length, real);
        return states;
    }

    @Override
    public void close() {
        encoder.close();
    }
}
