package org.probelab.represent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.probelab.data.Split;

/**
 * Names of the files of one cache entry directory:
 * {@code manifest.json} (what the entry holds, written first),
 * {@code <split>.layer-<NN>.<f32|f16>} (stored vectors × hidden little-endian floats, row-major, data order;
 * each moved into place once complete, so its presence means it is whole),
 * {@code tasks/<task>.json} (per task and split: labels and which stored vectors make each row).
 * Beside the directory, {@code <key>.lock} ({@link org.probelab.io.ProcessLock#beside}) is held by the run
 * filling it.
 */
final class CacheLayout {
    /** Bump when the file format or the meaning of extracted vectors changes; old entries are then not found. */
    static final int FORMAT_VERSION = 2;
    static final String MANIFEST = "manifest.json";

    private CacheLayout() {
    }

    static String layerFile(String split, int layer, Precision precision) {
        return String.format(Locale.ROOT, "%s.layer-%02d.%s", split, layer, precision.extension());
    }

    /** The layers whose files are there for every split, ascending. */
    static int[] storedLayers(Path directory, Manifest manifest) {
        return IntStream.range(0, manifest.states()).filter(layer -> Arrays.stream(Split.values()).allMatch(split ->
                Files.isRegularFile(directory.resolve(layerFile(Representations.name(split), layer,
                        manifest.precision()))))).toArray();
    }

    /** A file name for the task: its id with characters other than letters, digits, '.', '-' replaced by '_'. */
    static String taskFile(String taskId) {
        return "tasks/" + taskId.replaceAll("[^A-Za-z0-9.-]", "_") + ".json";
    }

    /**
     * Reads the manifest of the entry in {@code directory}.
     *
     * @throws IOException when it is missing or of another format version, naming what to do
     */
    static Manifest readManifest(Path directory) throws IOException {
        Path file = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IOException(directory + " is not a representation cache entry: " + MANIFEST + " is missing");
        }
        Manifest manifest = CacheJson.JSON.readValue(file.toFile(), Manifest.class);
        if (manifest.formatVersion() != FORMAT_VERSION) {
            throw new IOException(file + " has cache format " + manifest.formatVersion() + ", this version reads "
                    + FORMAT_VERSION + "; delete the directory and extract again");
        }
        return manifest;
    }
}
