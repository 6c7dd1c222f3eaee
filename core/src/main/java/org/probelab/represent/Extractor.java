package org.probelab.represent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.probelab.Progress;
import org.probelab.io.AtomicFiles;
import org.probelab.io.ProcessLock;
import org.probelab.model.Encoder;
import org.probelab.text.Dataset;
import org.probelab.text.Split;
import org.probelab.text.SubwordTokenizer;

/**
 * Turns a data set into per-layer vectors for a probing task, cached on disk. The cache entry's name is
 * the SHA-256 of everything that determines the vectors (encoder identity, data checksum, task, options,
 * format version), so asking again costs nothing, and any change gives a new entry. The batch token
 * budget only changes speed, so it is not part of the key.
 *
 * <p>Inputs longer than the encoder accepts are cut into overlapping word-aligned windows (see
 * {@link ExtractionOptions#windowStride()}); each word's vector comes from the window where it is most
 * central, and a sentence's [CLS] vector is the mean over its windows. Nothing is truncated. Runs filling the
 * same entry take turns on a lock file beside it: the second waits (saying so) and then reuses the vectors.
 */
public final class Extractor {
    private Extractor() {
    }

    /**
     * Returns the cached representations, extracting them first if the cache has no complete entry.
     *
     * @param encoderId identifies the weights and the vocabulary (e.g. model id + weights checksum): two
     *                  encoders with the same id must produce the same vectors
     * @param cacheRoot directory holding cache entries, e.g. {@link #defaultCacheRoot()}
     * @throws IllegalArgumentException when the task needs annotation the data lacks, a layer does not
     *                                  exist, or a single word is longer than an encoder window
     */
    public static Representations extract(Encoder encoder, String encoderId, SubwordTokenizer tokenizer, Dataset data,
                                          Task task, ExtractionOptions options, Path cacheRoot, Progress progress)
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
        String keyMaterial = keyMaterial(encoder, encoderId, data, task, options, layers);
        String key = sha256(keyMaterial);
        Path entry = cacheRoot.resolve(key);
        if (Files.isRegularFile(entry.resolve(CacheLayout.MANIFEST))) {
            return Representations.open(entry);
        }
        try (ProcessLock lock = ProcessLock.acquire(cacheRoot.resolve(key + CacheLayout.LOCK_SUFFIX),
                () -> progress.note("waiting for another run that is extracting the same vectors into " + entry))) {
            if (Files.isRegularFile(entry.resolve(CacheLayout.MANIFEST))) {
                return Representations.open(entry);
            }
            return extractEntry(encoder, tokenizer, data, task, options, layers, entry, key, keyMaterial, progress);
        }
    }

    private static Representations extractEntry(Encoder encoder, SubwordTokenizer tokenizer, Dataset data, Task task,
                                                ExtractionOptions options, int[] layers, Path entry, String key,
                                                String keyMaterial, Progress progress) throws IOException {
        // No manifest: nothing, or the remains of an interrupted run, which cannot be trusted.
        AtomicFiles.deleteTree(entry);
        Files.createDirectories(entry);
        SplitExtraction extraction = new SplitExtraction(encoder, tokenizer, task, options, layers, progress);
        Map<String, ExtractionStats> splits = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            String name = Representations.name(split);
            splits.put(name, extraction.run(name, data.split(split), entry));
        }
        int dim = Math.max(1, task.arity()) * encoder.hiddenSize();
        Manifest manifest = new Manifest(CacheLayout.FORMAT_VERSION, key, keyMaterial, task.id(), layers, dim,
                options.precision(), splits);
        CacheJson.writeJson(entry.resolve(CacheLayout.MANIFEST), manifest);
        return Representations.open(entry);
    }

    /** {@code $PROBELAB_CACHE/representations}, or {@code ~/.cache/probelab/representations}. */
    public static Path defaultCacheRoot() {
        return defaultCacheRoot(System.getenv("PROBELAB_CACHE"), System.getProperty("user.home"));
    }

    static Path defaultCacheRoot(String probelabCache, String userHome) {
        Path base = probelabCache != null && !probelabCache.isBlank()
                ? Path.of(probelabCache)
                : Path.of(userHome, ".cache", "probelab");
        return base.resolve("representations");
    }

    private static String keyMaterial(Encoder encoder, String encoderId, Dataset data, Task task,
                                      ExtractionOptions options, int[] layers) {
        int capacity = encoder.maxSequenceLength() - 2;
        return String.join("\n",
                "probelab representations, format " + CacheLayout.FORMAT_VERSION,
                "encoder " + encoderId + " hidden=" + encoder.hiddenSize() + " states=" + encoder.numHiddenStates()
                        + " maxLength=" + encoder.maxSequenceLength(),
                "data " + data.checksum(),
                "task " + task.id(),
                "wordPooling " + options.wordPooling(),
                "sentencePooling " + options.sentencePooling(),
                "precision " + options.precision(),
                "layers " + Arrays.toString(layers),
                "window " + capacity + " stride " + options.resolveStride(capacity));
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
