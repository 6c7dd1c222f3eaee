package org.probelab.io;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The one directory where probelab keeps what it downloads and derives: unpacked models, downloaded data
 * sets, extracted vectors, weight checksums and TensorFlow's native libraries. It is, first that is set:
 * the {@code --cache} flag, the system property {@value #PROPERTY}, the environment variable
 * {@value #VARIABLE}, or {@code ~/.cache/probelab} under the JVM's {@code user.home}.
 *
 * @param dir the root itself
 */
public record CacheRoot(Path dir) {
    public static final String PROPERTY = "probelab.cache";
    public static final String VARIABLE = "PROBELAB_CACHE";

    public CacheRoot {
        if (dir == null) {
            throw new IllegalArgumentException("a cache root needs a directory");
        }
    }

    public static CacheRoot of(Path dir) {
        return new CacheRoot(dir);
    }

    /** The root this process is configured for: system property, then environment, then the default. */
    public static CacheRoot fromEnvironment() {
        return resolve(null);
    }

    /** The root named by a command-line flag ({@code null} or blank: not given), else as {@link #fromEnvironment}. */
    public static CacheRoot resolve(String flag) {
        return resolve(flag, System.getProperties(), System.getenv());
    }

    static CacheRoot resolve(String flag, Properties properties, Map<String, String> environment) {
        for (String setting : new String[] {flag, properties.getProperty(PROPERTY), environment.get(VARIABLE)}) {
            if (setting != null && !setting.isBlank()) {
                return new CacheRoot(Path.of(setting.strip()));
            }
        }
        return new CacheRoot(Path.of(properties.getProperty("user.home"), ".cache", "probelab"));
    }

    /** Unpacked model weights. */
    public Path models() {
        return dir.resolve("models");
    }

    /** Downloaded data sets. */
    public Path data() {
        return dir.resolve("data");
    }

    /** Extracted vectors, one entry directory per model snapshot, data set and extraction options. */
    public Path representations() {
        return dir.resolve("representations");
    }

    /** TensorFlow's native libraries, unpacked by JavaCPP on first use. */
    public Path nativeLibraries() {
        return dir.resolve("native");
    }

    /** Weight checksums remembered per weight file, so a model's files are hashed once. */
    public Path checksums() {
        return dir.resolve("checksums");
    }
}
