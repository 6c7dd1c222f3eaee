package org.probelab.geometry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Gram rows one hull problem has computed, least recently used first out once they pass a float budget:
 * the solver touches few distinct rows (the supports are small), but a long solve may wander.
 */
final class RowCache {
    /** At most this many floats of cached Gram rows per problem (64 MiB). */
    private static final long CACHE_FLOATS = 16L << 20;

    private final Map<Integer, float[]> rows;

    /** A cache for the rows of a problem of {@code size} points. */
    RowCache(int size) {
        int capacity = (int) Math.max(16, Math.min(size, CACHE_FLOATS / size));
        rows = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Row {@code i}, or null when it is not (or no longer) cached. */
    float[] get(int i) {
        return rows.get(i);
    }

    void put(int i, float[] row) {
        rows.put(i, row);
    }
}
