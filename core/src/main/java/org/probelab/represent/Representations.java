package org.probelab.represent;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.probelab.text.Split;

/**
 * A complete cache entry of extracted vectors, read lazily: {@link #layer} memory-maps one layer file of
 * one split (FLOAT32) or decodes it into memory (FLOAT16), so only what is asked for is loaded.
 */
public final class Representations {
    private final Path directory;
    private final Manifest manifest;
    private final Map<Split, List<String>> labels = new EnumMap<>(Split.class);

    private Representations(Path directory, Manifest manifest) {
        this.directory = directory;
        this.manifest = manifest;
    }

    /**
     * Opens a complete entry.
     *
     * @throws IOException when the directory has no readable manifest (an incomplete or foreign entry)
     */
    public static Representations open(Path directory) throws IOException {
        Path manifestFile = directory.resolve(CacheLayout.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException(directory + " is not a complete representation cache entry: " + CacheLayout.MANIFEST
                    + " is missing (interrupted extraction?); delete the directory and extract again");
        }
        Manifest manifest = CacheJson.JSON.readValue(manifestFile.toFile(), Manifest.class);
        if (manifest.formatVersion() != CacheLayout.FORMAT_VERSION) {
            throw new IOException(manifestFile + " has cache format " + manifest.formatVersion() + ", this version reads "
                    + CacheLayout.FORMAT_VERSION + "; delete the directory and extract again");
        }
        return new Representations(directory, manifest);
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
        return manifest.task();
    }

    /** The stored hidden states, ascending (0 = embeddings). */
    public int[] layers() {
        return manifest.layers().clone();
    }

    /** Vector dimension: hidden size, or twice it for edges. */
    public int dim() {
        return manifest.dim();
    }

    public Precision precision() {
        return manifest.precision();
    }

    public long rows(Split split) {
        return stats(split).rows();
    }

    public ExtractionStats stats(Split split) {
        return manifest.splits().get(name(split));
    }

    /** Gold labels of the split's rows, in data order. */
    public synchronized List<String> labels(Split split) {
        return labels.computeIfAbsent(split, s -> readLabels(directory.resolve(CacheLayout.labelsFile(name(s)))));
    }

    /**
     * The vectors of one hidden state of one split, rows in data order.
     *
     * @throws IllegalArgumentException for a layer that was not extracted
     */
    public LabelledVectors layer(Split split, int layer) {
        if (Arrays.stream(manifest.layers()).noneMatch(l -> l == layer)) {
            throw new IllegalArgumentException("layer " + layer + " was not extracted into " + directory
                    + "; stored layers: " + Arrays.toString(manifest.layers()));
        }
        Path file = directory.resolve(CacheLayout.layerFile(name(split), layer, manifest.precision()));
        List<String> rowLabels = labels(split);
        long expectedBytes = (long) rowLabels.size() * dim() * manifest.precision().bytes();
        try (FileChannel channel = FileChannel.open(file)) {
            if (channel.size() != expectedBytes) {
                throw new IOException(file + " has " + channel.size() + " bytes, expected " + expectedBytes
                        + " (" + rowLabels.size() + " rows × " + dim() + "); delete " + directory + " and extract again");
            }
            if (expectedBytes > Integer.MAX_VALUE) {
                throw new IOException(file + " is larger than 2 GiB, more than one buffer can map; extract fewer rows");
            }
            MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, expectedBytes);
            bytes.order(ByteOrder.LITTLE_ENDIAN);
            FloatBuffer vectors = manifest.precision() == Precision.FLOAT16
                    ? decodeHalves(bytes.asShortBuffer())
                    : bytes.asFloatBuffer();
            return new LabelledVectors(dim(), vectors, rowLabels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FloatBuffer decodeHalves(ShortBuffer halves) {
        FloatBuffer floats = FloatBuffer.allocate(halves.remaining());
        while (halves.hasRemaining()) {
            floats.put(Half.toFloat(halves.get()));
        }
        return floats.flip();
    }

    private static List<String> readLabels(Path file) {
        try {
            return CacheJson.JSON.readValue(file.toFile(), new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read labels " + file, e);
        }
    }

    static String name(Split split) {
        return split.name().toLowerCase(Locale.ROOT);
    }
}
