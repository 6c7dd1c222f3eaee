package org.probelab.geometry;

import com.carrotsearch.hppc.LongDoubleHashMap;

/**
 * Exact products {@code z_i · z_j} (in double) of a set of points, each computed once, for
 * {@link CorrectiveStep}: its small system needs the products of the whole support (130–170 points at EWT
 * layer 0) at every step, and the support changes by a few points from one step to the next. The merge
 * search keeps one table per component across all its checks: the supports of successive checks are
 * mostly the same boundary points of the same clusters, and computed afresh in each solve these products
 * were a sixth of the merge search's time at 5,000 rows. Kept in HPPC's primitive map (boxed map entries cost
 * more than the products); not synchronised (one thread per problem or component). Emptied when full:
 * products are then recomputed, the same.
 */
final class Products {
    /** How a product is computed. */
    interface Product {
        double of(int i, int j);
    }

    /** Entries at most (2^22: a table of 2^23 slots, 128 MiB of keys and values). */
    private static final int MAX_ENTRIES = 1 << 22;

    private final long size;
    private final Product product;
    private final LongDoubleHashMap table = new LongDoubleHashMap();

    /** Products of points {@code 0..size)}, computed by {@code product}. */
    Products(int size, Product product) {
        this.size = size;
        this.product = product;
    }

    /** {@code z_i · z_j}. */
    double get(int i, int j) {
        long key = Math.min(i, j) * size + Math.max(i, j);
        int slot = table.indexOf(key);
        if (table.indexExists(slot)) {
            return table.indexGet(slot);
        }
        double value = product.of(i, j);
        if (table.size() >= MAX_ENTRIES) {
            table.clear();
            table.put(key, value);
        } else {
            table.indexInsert(slot, key, value);
        }
        return value;
    }
}
