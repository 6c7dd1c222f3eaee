package org.probelab.geometry;

import java.util.Arrays;

/**
 * Exact products {@code z_i · z_j} (in double) of a set of points, each computed once, for
 * {@link CorrectiveStep}: its small system needs the products of the whole support (130–170 points at EWT
 * layer 0) at every step, and the support changes by a few points from one step to the next. The merge
 * search keeps one table per component across all its checks: the supports of successive checks are
 * mostly the same boundary points of the same clusters, and computed afresh in each solve these products
 * were a sixth of the merge search's time at 5,000 rows. An open-addressing table of primitive keys (boxed
 * map entries cost more than the products); not synchronised (one thread per problem or component).
 * Emptied when full: products are then recomputed, the same.
 */
final class Products {
    /** How a product is computed. */
    interface Product {
        double of(int i, int j);
    }

    /** Entries at most (2^22: a 2^23-slot table, 128 MiB). */
    private static final int MAX_ENTRIES = 1 << 22;

    private final long size;
    private final Product product;
    private long[] keys;
    private double[] values;
    private int entries;

    /** Products of points {@code 0..size)}, computed by {@code product}. */
    Products(int size, Product product) {
        this.size = size;
        this.product = product;
        allocate(1 << 10);
    }

    private void allocate(int slots) {
        keys = new long[slots];
        Arrays.fill(keys, -1);
        values = new double[slots];
        entries = 0;
    }

    /** {@code z_i · z_j}. */
    double get(int i, int j) {
        long key = Math.min(i, j) * size + Math.max(i, j);
        int mask = keys.length - 1;
        int slot = (int) (mix(key) & mask);
        while (keys[slot] != -1) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        double value = product.of(i, j);
        if (2 * (entries + 1) > keys.length) {
            if (entries >= MAX_ENTRIES) {
                allocate(keys.length);
            } else {
                grow();
            }
            return put(key, value);
        }
        keys[slot] = key;
        values[slot] = value;
        entries++;
        return value;
    }

    private double put(long key, double value) {
        int mask = keys.length - 1;
        int slot = (int) (mix(key) & mask);
        while (keys[slot] != -1) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
        entries++;
        return value;
    }

    private void grow() {
        long[] oldKeys = keys;
        double[] oldValues = values;
        allocate(oldKeys.length * 2);
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldKeys[s] != -1) {
                put(oldKeys[s], oldValues[s]);
            }
        }
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
