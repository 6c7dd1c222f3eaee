package org.probelab.probe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.probelab.Progress;

/**
 * Probes several layers side by side: each layer's probe search is independent of the others, and on a
 * small CPU one search leaves cores idle between TensorFlow's ops (data feeds, dev scoring, small products),
 * which a second search fills. Measured on 2 cores (EWT train POS, the paper's grid): one search took
 * 214 ms per step of the 128 candidates, two side by side 333 ms each (1.29× the steps per second), and
 * two whole layers 302 s against 186 s for one; a third search at once gave nothing more
 * ({@link org.probelab.model.DeviceOptions#PROBE_LAYERS_AT_ONCE}, the default). Each layer's results are
 * exactly those it gives alone (each search keeps its own graphs, seeds and batch order).
 *
 * <p>Progress is one task for all layers (layers finished of all, the running ones in the note), since
 * interleaved per-layer tasks would fight over one terminal line. When a layer fails, the layers already
 * running finish (and keep their results), no further layer starts, and the first failure is rethrown.
 */
final class ConcurrentLayers {
    /** One layer's work, with the progress it reports to. */
    interface LayerWork<T> {
        T run(int layer, Progress progress) throws IOException;
    }

    private ConcurrentLayers() {
    }

    /**
     * Runs {@code work} for every layer of {@code layers}, {@code atOnce} at a time, and returns the
     * results in the order of {@code layers}; {@code task} names the one progress task they report as.
     */
    static <T> List<T> run(int[] layers, int atOnce, String task, Progress progress, LayerWork<T> work)
            throws IOException {
        if (layers.length == 1) {
            return List.of(work.run(layers[0], progress));
        }
        Reporter reporter = new Reporter(task, layers.length, progress);
        AtomicBoolean failed = new AtomicBoolean();
        AtomicInteger thread = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(atOnce, layers.length), runnable -> {
            Thread t = new Thread(runnable, "probelab-layer-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            reporter.start();
            List<Future<T>> futures = new ArrayList<>();
            for (int layer : layers) {
                futures.add(workers.submit(() -> {
                    if (failed.get()) {
                        return null;
                    }
                    try {
                        T result = work.run(layer, reporter.forLayer(layer));
                        reporter.finished(layer);
                        return result;
                    } catch (IOException | RuntimeException | Error e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            List<T> results = new ArrayList<>();
            Throwable first = null;
            for (Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while layers were being probed", e);
                }
            }
            if (first != null) {
                throw rethrown(first);
            }
            return results;
        } finally {
            workers.shutdown();
        }
    }

    private static RuntimeException rethrown(Throwable failure) throws IOException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            return e;
        }
        return new IllegalStateException(failure);
    }

    /** Turns the layers' own progress into one task: layers finished of all, the running ones in the note. */
    private static final class Reporter {
        private final String task;
        private final int total;
        private final Progress progress;
        private final SortedSet<Integer> running = new TreeSet<>();
        private int finished;

        Reporter(String task, int total, Progress progress) {
            this.task = task;
            this.total = total;
            this.progress = progress;
        }

        synchronized void start() {
            progress.update(task, 0, total);
        }

        synchronized void finished(int layer) {
            running.remove(layer);
            finished++;
            progress.update(task, finished, total, note());
        }

        private synchronized void running(int layer) {
            running.add(layer);
            progress.update(task, finished, total, note());
        }

        private synchronized void note(String line) {
            progress.note(line);
        }

        private String note() {
            return running.isEmpty() ? "" : running.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ", running.size() == 1 ? "layer " : "layers ", " running"));
        }

        Progress forLayer(int layer) {
            return new Progress() {
                @Override
                public void update(String task, long done, long total) {
                    running(layer);
                }

                @Override
                public void note(String line) {
                    Reporter.this.note(line);
                }
            };
        }
    }
}
