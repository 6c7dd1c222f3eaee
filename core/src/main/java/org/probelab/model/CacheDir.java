package org.probelab.model;

import java.nio.file.Path;

/** Where probelab keeps unpacked models and derived files: {@code $PROBELAB_CACHE} or {@code ~/.cache/probelab}. */
public final class CacheDir {
    private CacheDir() {
    }

    public static Path root() {
        String env = System.getenv("PROBELAB_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "probelab");
    }
}
