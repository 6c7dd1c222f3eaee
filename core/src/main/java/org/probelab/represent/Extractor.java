package org.probelab.represent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.probelab.Progress;
import org.probelab.io.AtomicFiles;
import org.probelab.io.ProcessLock;
import org.probelab.model.Encoder;
import org.probelab.data.Dataset;
import org.probelab.data.Split;
import org.probelab.text.SubwordTokenizer;

/**
 * Turns a data set into per-layer vectors for a probing task, cached on disk. One cache entry per
 * (weights, data, unit, pooling, storage and compute precision, window) — see {@link EntryKey} — holds one file per layer and
 * split, and beside them each task's labels: any task of the same unit and any subset of layers is
 * served from what is there, and only layers never extracted are computed. Probing POS and then
 * dependencies on a model, or all layers and then layer 6, extracts once.
 *
 * <p>Inputs longer than the encoder accepts are cut into overlapping word-aligned windows (see
 * {@link ExtractionOptions#windowStride()}); each word's vector comes from the window where it is most
 * central, and a sentence's [CLS] vector is the mean over its windows. Nothing is truncated. Runs filling
 * the same entry take turns on a lock file beside it: the second waits (saying so) and then reuses what
 * the first extracted.
 */
public final class Extractor {
    private Extractor() {
    }

    /**
     * Returns the task's vectors of the requested layers, extracting first whatever the cache lacks.
     *
     * @param encoderId      identifies the weights and the vocabulary (e.g. model id + weights checksum): two
     *                       encoders with the same id must produce the same vectors
     * @param entriesRoot    directory holding cache entries, {@link org.probelab.io.CacheRoot#representations()}
     * @throws IllegalArgumentException when the task needs annotation the data lacks, a layer does not
     *                                  exist, or a single word is longer than an encoder window
     */
    public static Representations extract(Encoder encoder, String encoderId, SubwordTokenizer tokenizer, Dataset data,
                                          Task task, ExtractionOptions options, Path entriesRoot, Progress progress)
            throws IOException {
        if (encoderId == null || encoderId.isBlank()) {
            throw new IllegalArgumentException("encoderId must identify the model weights and vocabulary");
        }
        if (data.checksum() == null || data.checksum().isBlank()) {
            throw new IllegalArgumentException("data set " + data.name() + " has no checksum; the cache key needs one");
        }
        int[] layers = options.resolveLayers(encoder.numHiddenStates());
        if (options.tokenBudget() < encoder.maxSequenceLength()) {
            throw new IllegalArgumentException("tokenBudget " + options.tokenBudget() + " is smaller than one input of "
                    + encoder.maxSequenceLength() + " tokens; raise it to at least the encoder's maximum length");
        }
        task.requireServableBy(data);
        EntryKey key = EntryKey.of(encoder, encoderId, data, task.unit(), options);
        Path entry = entriesRoot.resolve(key.hash());
        if (!complete(entry, task, layers)) {
            try (ProcessLock lock = ProcessLock.acquire(ProcessLock.beside(entry),
                    () -> progress.note("waiting for another run that is extracting the same vectors into " + entry))) {
                fill(entry, key, encoder, tokenizer, data, task, options, layers, progress);
            }
        }
        // the entry's time stamp is its last use, which is what `probelab cache remove --older-than` goes by
        Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
        return Representations.open(entry, task);
    }

    /** Whether the entry has the task's rows and every split's file of every layer asked for. */
    private static boolean complete(Path entry, Task task, int[] layers) throws IOException {
        if (!Files.isRegularFile(entry.resolve(CacheLayout.MANIFEST))
                || !Files.isRegularFile(entry.resolve(CacheLayout.taskFile(task.id())))) {
            return false;
        }
        Precision precision = CacheLayout.readManifest(entry).precision();
        return Arrays.stream(Split.values()).allMatch(split -> missing(entry, split, layers, precision).length == 0);
    }

    /** Adds what the entry lacks; called holding its lock, so nothing else writes there meanwhile. */
    private static void fill(Path entry, EntryKey key, Encoder encoder, SubwordTokenizer tokenizer, Dataset data,
                             Task task, ExtractionOptions options, int[] layers, Progress progress) throws IOException {
        Files.createDirectories(entry);
        deleteTemporaries(entry);
        if (!Files.isRegularFile(entry.resolve(CacheLayout.MANIFEST))) {
            Map<String, Long> rows = new LinkedHashMap<>();
            for (Split split : Split.values()) {
                rows.put(Representations.name(split), SplitExtraction.rows(key.unit(), data.split(split)));
            }
            CacheJson.writeJson(entry.resolve(CacheLayout.MANIFEST), new Manifest(CacheLayout.FORMAT_VERSION,
                    key.hash(), key.material(), key.describe(data.name()), key.unit(), key.states(), key.hidden(),
                    key.precision(), rows));
        }
        Path taskFile = entry.resolve(CacheLayout.taskFile(task.id()));
        if (!Files.isRegularFile(taskFile)) {
            CacheJson.writeJson(taskFile, TaskRows.of(task, data));
        }
        SplitExtraction extraction = new SplitExtraction(encoder, tokenizer, key.unit(), options, progress);
        for (Split split : Split.values()) {
            int[] missing = missing(entry, split, layers, key.precision());
            if (missing.length > 0) {
                extraction.run(Representations.name(split), data.split(split), missing, entry);
            }
        }
    }

    private static int[] missing(Path entry, Split split, int[] layers, Precision precision) {
        return Arrays.stream(layers).filter(layer -> !Files.isRegularFile(
                entry.resolve(CacheLayout.layerFile(Representations.name(split), layer, precision)))).toArray();
    }

    /** Files a killed run was writing: whoever holds the lock is the only writer, so they are orphans. */
    private static void deleteTemporaries(Path entry) throws IOException {
        try (Stream<Path> files = Files.walk(entry)) {
            for (Path file : files.filter(AtomicFiles::isTemporary).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
