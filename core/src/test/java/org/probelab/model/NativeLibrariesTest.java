package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.probelab.io.CacheRoot;

/**
 * JavaCPP is pointed at the cache root's native folder. The property is restored afterwards: TensorFlow
 * may not have been loaded yet in this JVM, and later tests must not unpack it into a test directory.
 */
class NativeLibrariesTest {

    @Test
    void javacppUnpacksIntoTheCacheRootGivenUnlessTheUserChoseAnotherFolder() {
        String before = System.getProperty(NativeLibraries.JAVACPP_CACHE);
        try {
            System.clearProperty(NativeLibraries.JAVACPP_CACHE);
            NativeLibraries.keepIn(CacheRoot.of(Path.of("/first")));
            assertEquals(Path.of("/first", "native").toString(), System.getProperty(NativeLibraries.JAVACPP_CACHE));

            NativeLibraries.keepInConfiguredCache();
            assertEquals(Path.of("/first", "native").toString(), System.getProperty(NativeLibraries.JAVACPP_CACHE),
                    "a cache root chosen by the caller (e.g. --cache) stays");

            NativeLibraries.keepIn(CacheRoot.of(Path.of("/second")));
            assertEquals(Path.of("/second", "native").toString(), System.getProperty(NativeLibraries.JAVACPP_CACHE));

            System.setProperty(NativeLibraries.JAVACPP_CACHE, "/chosen/by/user");
            NativeLibraries.keepIn(CacheRoot.of(Path.of("/third")));
            assertEquals("/chosen/by/user", System.getProperty(NativeLibraries.JAVACPP_CACHE), "-D wins");
        } finally {
            if (before == null) {
                System.clearProperty(NativeLibraries.JAVACPP_CACHE);
            } else {
                System.setProperty(NativeLibraries.JAVACPP_CACHE, before);
            }
        }
    }
}
