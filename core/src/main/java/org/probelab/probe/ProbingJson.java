package org.probelab.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import org.probelab.io.AtomicFiles;

/** JSON for specs and results, written atomically; the shapes are the records' components. */
public final class ProbingJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProbingJson() {
    }

    public static void write(Object value, Path file) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(value));
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not a valid " + type.getSimpleName() + " file: " + e.getOriginalMessage(), e);
        }
    }

    public static String toJson(Object value) throws IOException {
        return MAPPER.writeValueAsString(value);
    }
}
