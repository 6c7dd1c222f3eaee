package org.probelab.geometry;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs independent index tasks on a fixed number of threads (1 = in the caller's thread). */
final class Parallel implements AutoCloseable {
    private final ForkJoinPool pool;

    Parallel(int threads) {
        pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    void forEach(int count, IntConsumer task) {
        if (pool == null) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        try {
            pool.submit(() -> IntStream.range(0, count).parallel().forEach(task)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Runs the {@code count} parts of one step (a product split by columns): on the pool when there is one —
     * called from a task of {@link #forEach} (a component of the merge search), a part goes to a thread of the
     * pool that is idle, and the caller runs the rest itself.
     */
    void split(int count, IntConsumer part) {
        if (pool == null) {
            for (int i = 0; i < count; i++) {
                part.accept(i);
            }
        } else if (ForkJoinTask.getPool() == pool) {
            IntStream.range(0, count).parallel().forEach(part);
        } else {
            forEach(count, part);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
