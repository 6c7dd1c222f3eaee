package org.probelab.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A labelled data set in its three splits.
 *
 * @param name     a short name for tables and provenance (e.g. {@code demo}, {@code ud:en_ewt})
 * @param checksum hex SHA-256 over the content of all splits, so caches and results know their data
 * @param origins  where each split was read from (a file, the part of a file), for errors about one split
 * @param columns  the names of the word columns by index, as {@code column:NAME} tasks name them (CoNLL-U's
 *                 {@code upos}, CoNLL-U-Lex's {@code ss}); empty where words have no columns
 */
public record Dataset(String name, List<Sentence> train, List<Sentence> dev, List<Sentence> test, String checksum,
                      Map<Split, String> origins, List<String> columns) {
    public Dataset {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
        test = List.copyOf(test);
        origins = Map.copyOf(origins);
        columns = List.copyOf(columns);
        for (Split split : Split.values()) {
            if (!origins.containsKey(split)) {
                throw new IllegalArgumentException("data set " + name + ": no origin for the " + split + " split");
            }
        }
    }

    /** A data set made in memory: each split's origin is the data set's name; words have CoNLL-U's columns. */
    public Dataset(String name, List<Sentence> train, List<Sentence> dev, List<Sentence> test, String checksum) {
        this(name, train, dev, test, checksum, sameOrigin(name), ConllU.COLUMN_NAMES);
    }

    private static Map<Split, String> sameOrigin(String origin) {
        Map<Split, String> origins = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            origins.put(split, origin);
        }
        return origins;
    }

    /** Where the split was read from, e.g. a file's path. */
    public String origin(Split split) {
        return origins.get(split);
    }

    public List<Sentence> split(Split split) {
        return switch (split) {
            case TRAIN -> train;
            case DEV -> dev;
            case TEST -> test;
        };
    }
}
