package org.probelab.bench;

import java.util.Arrays;

/**
 * Wall-clock timing of repeated runs. Warm-up runs come first and are not kept: the first runs of a
 * TensorFlow session pay for graph optimisation, kernel selection and JIT compilation.
 */
public final class Timer {
    /** Work to time; may throw, which aborts the measurement. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private Timer() {
    }

    /** Seconds one run of {@code action} takes. */
    public static double secondsOf(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Runs {@code action} {@code warmups} times untimed, then returns the seconds of {@code runs} timed runs. */
    public static double[] seconds(int warmups, int runs, Action action) throws Exception {
        if (warmups < 0 || runs < 1) {
            throw new IllegalArgumentException("need warmups >= 0 and runs >= 1, got " + warmups + " and " + runs);
        }
        for (int i = 0; i < warmups; i++) {
            action.run();
        }
        double[] samples = new double[runs];
        for (int i = 0; i < runs; i++) {
            samples[i] = secondsOf(action);
        }
        return samples;
    }

    /** The median: robust to the odd run slowed by another process on a shared machine. */
    public static double median(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("median of no samples");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double min(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("minimum of no samples");
        }
        return Arrays.stream(samples).min().getAsDouble();
    }
}
