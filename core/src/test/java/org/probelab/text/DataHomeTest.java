package org.probelab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

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
    void withoutSettingsThereIsNoDataDirectoryAndTheCacheIsUnderTheUserHome() {
        DataHome home = DataHome.from(Map.of(), properties());
        assertNull(home.data());
        assertEquals(Path.of("/home/someone/.cache/probelab/data"), home.cache());
        assertEquals(DataHome.UD_DOWNLOADS, home.downloadBase());
    }

    @Test
    void environmentVariablesSetDataDirectoryAndCacheRoot() {
        DataHome home = DataHome.from(Map.of("PROBELAB_DATA", "/data", "PROBELAB_CACHE", "/fast/cache"), properties());
        assertEquals(Path.of("/data"), home.data());
        assertEquals(Path.of("/fast/cache/data"), home.cache());
    }

    @Test
    void systemPropertiesWinOverEnvironmentVariablesAndBlankValuesAreIgnored() {
        DataHome home = DataHome.from(Map.of("PROBELAB_DATA", "/env-data", "PROBELAB_CACHE", " "),
                properties("probelab.data", "/prop-data"));
        assertEquals(Path.of("/prop-data"), home.data());
        assertEquals(Path.of("/home/someone/.cache/probelab/data"), home.cache());
    }
}
