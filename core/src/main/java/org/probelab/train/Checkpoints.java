package org.probelab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.probelab.Interruption;
import org.probelab.Progress;
import org.probelab.RunInterruptedException;
import org.probelab.io.AtomicFiles;
import org.probelab.model.Safetensors;
import org.probelab.model.WeightTensor;
import org.probelab.model.Weights;

/**
 * A stage's resumable checkpoints in its work directory. Each is written whole into a fresh
 * {@code ckpt-STEP} directory (every variable of the training graph as safetensors, and the trainer
 * state as JSON); only then does {@value #POINTER} atomically name it, and older ones are deleted. A
 * kill at any moment leaves the pointer naming a complete checkpoint.
 */
final class Checkpoints {
    static final String POINTER = "checkpoint.json";
    /** The weights of the best evaluation so far, the snapshot candidate. */
    static final String BEST = "best.safetensors";
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

    /** Saves every variable of {@code variables} (streamed, see {@link VariableValues#save}) and {@code state}. */
    void save(VariableValues variables, TrainerState state) throws IOException {
        String name = String.format("ckpt-%09d", state.step());
        Path target = dir.resolve(name);
        AtomicFiles.deleteTree(target);
        Files.createDirectories(target);
        variables.save(target.resolve(TENSORS));
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

    /**
     * The end of a training step, shared by the stages: the step is checkpointed when it was evaluated or ends an
     * interval of {@code everySteps}, its progress is shown, and when a stop was asked for (Ctrl-C) the step is kept
     * — checkpointed now unless it just was — so that a rerun continues right after it.
     */
    void afterStep(String stage, TrainerState s, long totalSteps, int epochs, boolean evaluated, int everySteps,
                   VariableValues state, Progress progress) throws IOException {
        boolean saved = evaluated || s.step() % everySteps == 0;
        if (saved) {
            save(state, s);
        }
        try {
            s.report(progress, stage, totalSteps, epochs);
            Interruption.checkpoint();
        } catch (RunInterruptedException e) {
            if (!saved) {
                save(state, s);
            }
            throw new RunInterruptedException("stage " + stage + " interrupted after step " + s.step() + " of "
                    + totalSteps + "; its checkpoint is kept in " + dir + ": run the same again to continue from there");
        }
    }

    /** The BERT tensors (encoder, pooler, MLM head) of a checkpoint, as weights a model can be created from. */
    static Weights bertWeights(Map<String, WeightTensor> tensors, String origin) {
        Weights weights = new Weights("checkpoint " + origin);
        tensors.values().stream().filter(t -> t.name().startsWith("bert/") || t.name().startsWith("cls/"))
                .forEach(weights::put);
        return weights;
    }

    /** The weights of the best evaluation ({@value #BEST} in {@code workDir}), or the current ones without one. */
    static Weights bestOrCurrent(Path workDir, VariableValues current, TrainerState progress) {
        Map<String, WeightTensor> tensors = progress.bestStep() >= 0
                ? Safetensors.read(workDir.resolve(BEST)) : current.read();
        return bertWeights(tensors, workDir.resolve(BEST).toString());
    }
}
