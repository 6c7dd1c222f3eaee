package org.probelab.represent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.probelab.data.Split;

/**
 * One task's view of a cache entry, read lazily: {@link #layer} reads one layer of one split. Where the
 * task's rows are the stored vectors in order (POS on a fully tagged treebank), a float32 layer is
 * memory-mapped as it is; otherwise (float16, edges made of two word vectors, words without a label)
 * the task's rows are assembled in memory.
 */
public final class Representations {
    private final Path directory;
    private final Manifest manifest;
    private final TaskRows task;

    private Representations(Path directory, Manifest manifest, TaskRows task) {
        this.directory = directory;
        this.manifest = manifest;
        this.task = task;
    }

    /**
     * Opens {@code task}'s view of the entry in {@code directory}.
     *
     * @throws IOException when the entry has no readable manifest or no rows for the task (an entry of
     *                     another format, or one this task was never extracted into)
     */
    public static Representations open(Path directory, Task task) throws IOException {
        Manifest manifest = CacheLayout.readManifest(directory);
        Path rows = directory.resolve(CacheLayout.taskFile(task.id()));
        if (!Files.isRegularFile(rows)) {
            throw new IOException(directory + " holds no vectors for task " + task.id() + " (" + rows.getFileName()
                    + " is missing); extract them again");
        }
        return new Representations(directory, manifest, CacheJson.JSON.readValue(rows.toFile(), TaskRows.class));
    }

    /**
     * What the cache entry in {@code directory} holds and how many layers it stores, in a few words; empty
     * for a directory that is no entry of this format (e.g. one written by an older version).
     */
    public static Optional<String> describe(Path directory) {
        try {
            Manifest manifest = CacheLayout.readManifest(directory);
            int layers = CacheLayout.storedLayers(directory, manifest).length;
            return Optional.of(manifest.description() + ", " + layers + " of " + manifest.states() + " layers");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The cache key: the entry's directory name. */
    public String key() {
        return manifest.key();
    }

    public Path directory() {
        return directory;
    }

    /** The task's identifier ({@link Task#id()}). */
    public String task() {
        return task.task();
    }

    /** The hidden states stored for every split, ascending (0 = embeddings). */
    public int[] layers() {
        return CacheLayout.storedLayers(directory, manifest);
    }

    /** Vector dimension: hidden size, or twice it for edges. */
    public int dim() {
        return task.width() * manifest.hidden();
    }

    public Precision precision() {
        return manifest.precision();
    }

    public long rows(Split split) {
        return stats(split).rows();
    }

    public ExtractionStats stats(Split split) {
        return splitRows(split).stats();
    }

    /** Gold labels of the split's rows, in data order. */
    public List<String> labels(Split split) {
        return splitRows(split).labels();
    }

    /**
     * The vectors of one hidden state of one split, rows in data order.
     *
     * @throws IllegalArgumentException for a layer that was not extracted
     */
    public LabelledVectors layer(Split split, int layer) {
        if (!stored(layer)) {
            throw new IllegalArgumentException("layer " + layer + " was not extracted into " + directory
                    + "; stored layers: " + Arrays.toString(layers()));
        }
        TaskRows.SplitRows rows = splitRows(split);
        try {
            LayerFile file = LayerFile.open(layerFile(split, layer), manifest.rows().get(name(split)),
                    manifest.hidden(), manifest.precision());
            return new LabelledVectors(dim(), rows.rows() == null ? file.all() : gather(file, rows), rows.labels());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Row i of the result is the task's stored vectors of row i, side by side. */
    private FloatBuffer gather(LayerFile file, TaskRows.SplitRows rows) {
        int hidden = manifest.hidden();
        float[] values = new float[file.capacity((long) rows.rows().length * hidden)];
        for (int i = 0; i < rows.rows().length; i++) {
            file.read(rows.rows()[i], values, i * hidden);
        }
        return FloatBuffer.wrap(values);
    }

    private boolean stored(int layer) {
        return Arrays.stream(layers()).anyMatch(stored -> stored == layer);
    }

    private Path layerFile(Split split, int layer) {
        return directory.resolve(CacheLayout.layerFile(name(split), layer, manifest.precision()));
    }

    private TaskRows.SplitRows splitRows(Split split) {
        return task.splits().get(name(split));
    }

    static String name(Split split) {
        return split.name().toLowerCase(Locale.ROOT);
    }
}
