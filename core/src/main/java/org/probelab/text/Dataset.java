package org.probelab.text;

import java.util.List;

/**
 * A labelled data set in its three splits.
 *
 * @param name     a short name for tables and provenance (e.g. {@code demo}, {@code ud:en_ewt})
 * @param checksum hex SHA-256 over the content of all splits, so caches and results know their data
 */
public record Dataset(String name, List<Sentence> train, List<Sentence> dev, List<Sentence> test, String checksum) {
    public Dataset {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
        test = List.copyOf(test);
    }

    public List<Sentence> split(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case DEV -> dev;
            case TEST -> test;
        };
    }
}
