package org.probelab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.probelab.io.AtomicFiles;
import org.probelab.model.Safetensors;
import org.probelab.model.WeightTensor;

/**
 * A stage's resumable checkpoints in its work directory. Each is written whole into a fresh
 * {@code ckpt-STEP} directory (every variable of the training graph as safetensors, and the trainer
 * state as JSON); only then does {@value #POINTER} atomically name it, and older ones are deleted. A
 * kill at any moment leaves the pointer naming a complete checkpoint.
 */
final class Checkpoints {
    static final String POINTER = "checkpoint.json";
    private static final String TENSORS = "state.safetensors";
    private static final String STATE = "trainer.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    /** A checkpoint read back: the tensors and the trainer state. */
    record Loaded(Map<String, WeightTensor> tensors, TrainerState state, Path dir) {
    }

    /** Which checkpoint directory is current. */
    record Pointer(String dir, long step) {
    }

    Checkpoints(Path dir) {
        this.dir = dir;
    }

    void save(Map<String, WeightTensor> tensors, TrainerState state) throws IOException {
        String name = String.format("ckpt-%09d", state.step());
        Path target = dir.resolve(name);
        AtomicFiles.deleteTree(target);
        Files.createDirectories(target);
        Safetensors.write(tensors, target.resolve(TENSORS));
        AtomicFiles.write(target.resolve(STATE), JSON.writeValueAsBytes(state));
        AtomicFiles.write(dir.resolve(POINTER), JSON.writeValueAsBytes(new Pointer(name, state.step())));
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("ckpt-"))
                    .filter(p -> !p.getFileName().toString().equals(name)).toList()) {
                AtomicFiles.deleteTree(p);
            }
        }
    }

    /** The checkpoint the pointer names, if there is one. */
    Optional<Loaded> latest() throws IOException {
        Path pointer = dir.resolve(POINTER);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        Pointer p = JSON.readValue(pointer.toFile(), Pointer.class);
        Path current = dir.resolve(p.dir());
        TrainerState state = JSON.readValue(current.resolve(STATE).toFile(), TrainerState.class);
        return Optional.of(new Loaded(Safetensors.read(current.resolve(TENSORS)), state, current));
    }

    /** The step of the current checkpoint, or -1 when there is none (for messages). */
    long latestStep() {
        try {
            Path pointer = dir.resolve(POINTER);
            return Files.isRegularFile(pointer) ? JSON.readValue(pointer.toFile(), Pointer.class).step() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
