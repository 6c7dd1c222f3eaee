package org.probelab.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A benchmark's command line: a first argument (the model), then {@code --name value} pairs from a known set. */
public final class BenchOptions {
    private final Map<String, String> values = new HashMap<>();

    /** @param names the options the benchmark takes, e.g. {@code --batch}; any other is refused */
    public BenchOptions(String[] args, String... names) {
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!List.of(names).contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + " (known: " + String.join(" ", names)
                        + ")");
            }
            values.put(args[i], args[i + 1]);
        }
    }

    public int integer(String name, int fallback) {
        String value = values.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
