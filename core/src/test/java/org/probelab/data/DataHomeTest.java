package org.probelab.data;

import org.probelab.data.DataHome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.probelab.io.CacheRoot;

class DataHomeTest {
    private static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        properties.setProperty("user.home", "/home/someone");
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void withoutSettingsThereIsNoDataDirectory() {
        DataHome home = DataHome.from(Map.of(), properties(), CacheRoot.of(Path.of("/c")));
        assertNull(home.data());
        assertEquals(DataHome.UD_DOWNLOADS, home.downloadBase());
    }

    @Test
    void downloadsGoToTheDataFolderOfTheCacheRootGiven() {
        DataHome home = DataHome.from(Map.of("PROBELAB_CACHE", "/env/cache"), properties(), CacheRoot.of(Path.of("/flag")));
        assertEquals(Path.of("/flag/data"), home.cache());
    }

    @Test
    void theEnvironmentVariableSetsTheDataDirectory() {
        DataHome home = DataHome.from(Map.of("PROBELAB_DATA", "/data"), properties(), CacheRoot.of(Path.of("/c")));
        assertEquals(Path.of("/data"), home.data());
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironmentVariableAndBlankValuesAreIgnored() {
        DataHome home = DataHome.from(Map.of("PROBELAB_DATA", "/env-data"), properties("probelab.data", "/prop-data"),
                CacheRoot.of(Path.of("/c")));
        assertEquals(Path.of("/prop-data"), home.data());
        assertNull(DataHome.from(Map.of("PROBELAB_DATA", " "), properties(), CacheRoot.of(Path.of("/c"))).data());
    }
}
