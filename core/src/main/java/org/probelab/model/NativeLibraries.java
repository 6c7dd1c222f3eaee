package org.probelab.model;

import org.probelab.io.CacheRoot;

/**
 * Keeps TensorFlow's native libraries (about 650 MB, unpacked from the JavaCPP jars on first use) in the
 * project's cache, {@link CacheRoot#nativeLibraries()}, instead of JavaCPP's default {@code ~/.javacpp}, so
 * that one directory holds everything probelab put on disk. JavaCPP reads its system property
 * {@value #JAVACPP_CACHE} when TensorFlow is first used; setting it later changes nothing.
 */
public final class NativeLibraries {
    public static final String JAVACPP_CACHE = "org.bytedeco.javacpp.cachedir";

    /** The value this class set last; any other value was set by the user ({@code -D}) and is kept. */
    private static String ours;

    private NativeLibraries() {
    }

    /** Points JavaCPP at {@code cache}'s native folder, unless the user named another one. */
    public static synchronized void keepIn(CacheRoot cache) {
        String current = System.getProperty(JAVACPP_CACHE);
        if (current == null || current.equals(ours)) {
            ours = cache.nativeLibraries().toString();
            System.setProperty(JAVACPP_CACHE, ours);
        }
    }

    /** As {@link #keepIn}, with the cache root this process is configured for, unless one was chosen already. */
    public static synchronized void keepInConfiguredCache() {
        if (System.getProperty(JAVACPP_CACHE) == null) {
            keepIn(CacheRoot.fromEnvironment());
        }
    }
}
