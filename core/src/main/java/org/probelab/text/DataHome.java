package org.probelab.text;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where data sets are found and cached.
 *
 * @param data         a directory of data sets laid out by the user ({@code PROBELAB_DATA}), or null
 * @param cache        where downloaded data sets are kept ({@code $PROBELAB_CACHE/data}, by default
 *                     {@code ~/.cache/probelab/data})
 * @param downloadBase base address of the UD repositories' raw files, ending in "/"
 */
public record DataHome(Path data, Path cache, URI downloadBase) {
    public static final String DATA_VARIABLE = "PROBELAB_DATA";
    public static final String DATA_PROPERTY = "probelab.data";
    public static final String CACHE_VARIABLE = "PROBELAB_CACHE";
    public static final String CACHE_PROPERTY = "probelab.cache";
    public static final URI UD_DOWNLOADS = URI.create("https://raw.githubusercontent.com/UniversalDependencies/");

    public DataHome {
        if (cache == null || downloadBase == null) {
            throw new IllegalArgumentException("a data home needs a cache directory and a download base");
        }
        if (!downloadBase.toString().endsWith("/")) {
            downloadBase = URI.create(downloadBase + "/");
        }
    }

    /** The home this process is configured for by system properties, then environment variables. */
    public static DataHome fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    /** A system property wins over the environment variable of the same meaning. */
    static DataHome from(Map<String, String> environment, Properties properties) {
        String data = properties.getProperty(DATA_PROPERTY, environment.get(DATA_VARIABLE));
        String cacheRoot = properties.getProperty(CACHE_PROPERTY, environment.get(CACHE_VARIABLE));
        Path cache = cacheRoot == null || cacheRoot.isBlank()
                ? Path.of(properties.getProperty("user.home"), ".cache", "probelab")
                : Path.of(cacheRoot);
        Path dataDir = data == null || data.isBlank() ? null : Path.of(data);
        return new DataHome(dataDir, cache.resolve("data"), UD_DOWNLOADS);
    }

    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(data);
    }
}
