package org.probelab.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.probelab.io.CacheRoot;

/**
 * Where data sets are found and cached.
 *
 * @param data         a directory of data sets laid out by the user ({@code PROBELAB_DATA}), or null
 * @param cache        where downloaded data sets are kept: {@link CacheRoot#data()}
 * @param downloadBase base address of the UD repositories' raw files, ending in "/"
 */
public record DataHome(Path data, Path cache, URI downloadBase) {
    public static final String DATA_VARIABLE = "PROBELAB_DATA";
    public static final String DATA_PROPERTY = "probelab.data";
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
        return fromEnvironment(CacheRoot.fromEnvironment());
    }

    /** The data directory this process is configured for, with downloads kept in {@code cache}. */
    public static DataHome fromEnvironment(CacheRoot cache) {
        return from(System.getenv(), System.getProperties(), cache);
    }

    /** A system property wins over the environment variable of the same meaning. */
    static DataHome from(Map<String, String> environment, Properties properties, CacheRoot cache) {
        String data = properties.getProperty(DATA_PROPERTY, environment.get(DATA_VARIABLE));
        Path dataDir = data == null || data.isBlank() ? null : Path.of(data);
        return new DataHome(dataDir, cache.data(), UD_DOWNLOADS);
    }

    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(data);
    }
}
