package org.probelab.represent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.probelab.io.AtomicFiles;

/** The cache's JSON files (manifest, labels), written atomically. */
final class CacheJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private CacheJson() {
    }

    static void writeJson(Path target, Object value) throws IOException {
        AtomicFiles.write(target, JSON.writeValueAsBytes(value));
    }
}
