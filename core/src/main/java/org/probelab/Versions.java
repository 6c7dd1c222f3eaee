package org.probelab;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.tensorflow.TensorFlow;

/** Versions of everything that can change a result, for provenance. */
public final class Versions {
    private Versions() {
    }

    public static String probelab() {
        try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** probelab, TensorFlow runtime, Java and OS versions. */
    public static Map<String, String> all() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("probelab", probelab());
        v.put("tensorflow", TensorFlow.version());
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        v.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return v;
    }
}
