package org.probelab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.probelab.io.AtomicFiles;
import org.probelab.model.Safetensors;
import org.probelab.model.WeightTensor;
import org.probelab.represent.WordPooling;

/**
 * A fine-tuning stage's task head, kept beside its snapshot's encoder ({@value #TENSORS} and
 * {@value #DESCRIPTION}): what a later stage needs to use the snapshot as a teacher. The encoder
 * files stay a plain BERT directory; probing and further stages ignore these two files.
 *
 * @param task        the task the head was trained on
 * @param kind        what the head reads
 * @param wordPooling how the token and edge heads pool subwords
 * @param lastLayers  k of a sentence head reading the last k layers' [CLS] vectors
 * @param labels      the head's classes, in index order
 */
public record SavedHead(String task, HeadKind kind, WordPooling wordPooling, int lastLayers, List<String> labels) {
    public static final String TENSORS = "head.safetensors";
    public static final String DESCRIPTION = "head.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SavedHead {
        labels = List.copyOf(labels);
    }

    /** A head read back: its description and its variables by graph name ({@code head/dense/...}). */
    record Loaded(SavedHead head, Map<String, WeightTensor> tensors) {
    }

    /** Writes the description and the head's tensors into {@code snapshot}, each atomically. */
    void write(Map<String, WeightTensor> tensors, Path snapshot) throws IOException {
        Files.createDirectories(snapshot);
        Safetensors.write(tensors, snapshot.resolve(TENSORS));
        AtomicFiles.write(snapshot.resolve(DESCRIPTION), JSON.writeValueAsBytes(this));
    }

    /** The head kept in {@code snapshot}, or an error naming what a teacher needs. */
    static Loaded read(Path snapshot, String stage) throws IOException {
        Path description = snapshot.resolve(DESCRIPTION);
        Path tensors = snapshot.resolve(TENSORS);
        if (!Files.isRegularFile(description) || !Files.isRegularFile(tensors)) {
            throw new IllegalArgumentException("stage " + stage + ": the teacher " + snapshot + " has no task head ("
                    + DESCRIPTION + ", " + TENSORS + "); a teacher is the snapshot of a fine-tuning stage");
        }
        return new Loaded(JSON.readValue(description.toFile(), SavedHead.class), Safetensors.read(tensors));
    }
}
