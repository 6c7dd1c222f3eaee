package org.probelab.probe;

import java.util.Locale;

/** Mean and sample standard deviation (0 for a single value) of a score over seeds. */
public record Summary(double mean, double std) {

    public static Summary of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double std = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
        return new Summary(mean, std);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4f ± %.4f", mean, std);
    }
}
