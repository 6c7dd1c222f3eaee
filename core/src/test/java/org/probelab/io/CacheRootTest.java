package org.probelab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Each way of naming the cache root, and which one wins. */
class CacheRootTest {
    private static final Map<String, String> ENV = Map.of("PROBELAB_CACHE", "/env/cache");

    private static Properties properties(String cacheProperty) {
        Properties properties = new Properties();
        properties.setProperty("user.home", "/home/someone");
        if (cacheProperty != null) {
            properties.setProperty("probelab.cache", cacheProperty);
        }
        return properties;
    }

    @Test
    void theFlagWinsOverTheSystemPropertyAndTheEnvironment() {
        assertEquals(Path.of("/flag/cache"), CacheRoot.resolve("/flag/cache", properties("/prop/cache"), ENV).dir());
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        assertEquals(Path.of("/prop/cache"), CacheRoot.resolve(null, properties("/prop/cache"), ENV).dir());
    }

    @Test
    void theEnvironmentVariableWinsOverTheDefault() {
        assertEquals(Path.of("/env/cache"), CacheRoot.resolve(null, properties(null), ENV).dir());
    }

    @Test
    void theDefaultIsUnderTheUserHomeAndBlankSettingsCountAsUnset() {
        assertEquals(Path.of("/home/someone/.cache/probelab"),
                CacheRoot.resolve(" ", properties(""), Map.of("PROBELAB_CACHE", " ")).dir());
    }

    @Test
    void modelsDataVectorsAndChecksumsLiveUnderTheRoot() {
        CacheRoot root = CacheRoot.of(Path.of("/c"));
        assertEquals(Path.of("/c/models"), root.models());
        assertEquals(Path.of("/c/data"), root.data());
        assertEquals(Path.of("/c/representations"), root.representations());
        assertEquals(Path.of("/c/checksums"), root.checksums());
    }
}
