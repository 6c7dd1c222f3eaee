package org.probelab.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.probelab.io.AtomicFiles;
import org.probelab.io.CacheRoot;

/**
 * A SHA-256 of the weights themselves (names, shapes, float values), so the same weights have the
 * same checksum whatever file format they came from. Hashing BERT-base reads 440 MB, so the result
 * is kept in a sidecar under the cache, valid while the source files keep their sizes and times.
 */
public final class WeightsChecksum {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_FLOATS = 1 << 16;

    /** What a sidecar records: the source files' sizes and modification times, and the checksum. */
    record Sidecar(Map<String, List<Long>> sources, String sha256) {
    }

    private WeightsChecksum() {
    }

    /** Hex SHA-256 over every tensor in name order: name, rank, dimensions, little-endian values. */
    public static String compute(Weights weights) {
        MessageDigest sha = ZipUnpacker.sha256();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (String name : new TreeSet<>(weights.names())) {
            WeightTensor t = weights.get(name);
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            ByteBuffer shape = ByteBuffer.allocate(4 + 8 * t.shape().length).order(ByteOrder.LITTLE_ENDIAN);
            shape.putInt(t.shape().length);
            for (long d : t.shape()) {
                shape.putLong(d);
            }
            sha.update(shape.array());
            FloatBuffer values = t.values().duplicate();
            while (values.hasRemaining()) {
                chunk.clear();
                int n = Math.min(CHUNK_FLOATS, values.remaining());
                FloatBuffer slice = values.slice().limit(n);
                chunk.asFloatBuffer().put(slice);
                values.position(values.position() + n);
                sha.update(chunk.array(), 0, n * Float.BYTES);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The checksum of {@code weights} read from {@code sources}, from the sidecar in {@code cacheRoot}
     * when the sources are unchanged, else computed and recorded there.
     */
    public static String cached(Weights weights, List<Path> sources, Path cacheRoot) {
        Map<String, List<Long>> stamps = stamps(sources);
        String key = HexFormat.of().formatHex(ZipUnpacker.sha256().digest(
                String.join("\n", stamps.keySet()).getBytes(StandardCharsets.UTF_8)));
        Path sidecar = CacheRoot.of(cacheRoot).checksums().resolve(key + ".json");
        try {
            if (Files.isRegularFile(sidecar)) {
                Sidecar stored = JSON.readValue(sidecar.toFile(), Sidecar.class);
                if (stamps.equals(stored.sources())) {
                    return stored.sha256();
                }
            }
        } catch (IOException e) {
            // an unreadable sidecar is only a lost shortcut: recompute and overwrite it below
        }
        String sha = compute(weights);
        try {
            AtomicFiles.write(sidecar, JSON.writeValueAsBytes(new Sidecar(stamps, sha)));
        } catch (IOException e) {
            // a read-only cache costs a recomputation next time, nothing else
        }
        return sha;
    }

    private static Map<String, List<Long>> stamps(List<Path> sources) {
        Map<String, List<Long>> stamps = new LinkedHashMap<>();
        for (Path p : sources) {
            try {
                Path real = p.toRealPath();
                stamps.put(real.toString(), List.of(Files.size(real), Files.getLastModifiedTime(real).toMillis()));
            } catch (IOException e) {
                throw new WeightsException("cannot stat weight file " + p + ": " + e.getMessage(), e);
            }
        }
        return stamps;
    }
}
