package org.probelab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
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
 *
 * <p>The weights of the best evaluation, the snapshot candidate, go to {@code best-STEP.safetensors}, named by
 * the step they were evaluated at. Evaluations do not force a checkpoint (a BERT-base one with Adam's moments is
 * 1.3 GB), so the best file of a later evaluation may exist beside the checkpoint; the file the checkpoint's state
 * names is kept until a newer checkpoint names another, so a resumed stage always finds its best weights, and
 * files from after the checkpoint are deleted on resume (the resumed run evaluates those steps again).
 */
final class Checkpoints {
    static final String POINTER = "checkpoint.json";
    private static final String BEST_PREFIX = "best-";
    private static final String TENSORS = "state.safetensors";
    private static final String STATE = "trainer.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    /** The best step the current checkpoint's state names (-1: none): its best file is kept. */
    private long checkpointedBest = -1;

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
        checkpointedBest = state.bestStep();
        delete(p -> p.getFileName().toString().startsWith("ckpt-") && !p.getFileName().toString().equals(name));
        deleteBestExcept(checkpointedBest);
    }

    /**
     * The checkpoint the pointer names, if there is one, to continue from. Best weights saved after it are
     * deleted (and all of them without a checkpoint): the resumed run evaluates those steps again.
     */
    Optional<Loaded> resume() throws IOException {
        Path pointer = dir.resolve(POINTER);
        if (!Files.isRegularFile(pointer)) {
            deleteBestExcept();
            return Optional.empty();
        }
        Pointer p = JSON.readValue(pointer.toFile(), Pointer.class);
        Path current = dir.resolve(p.dir());
        TrainerState state = JSON.readValue(current.resolve(STATE).toFile(), TrainerState.class);
        checkpointedBest = state.bestStep();
        deleteBestExcept(checkpointedBest);
        return Optional.of(new Loaded(Safetensors.read(current.resolve(TENSORS)), state, current));
    }

    /**
     * Saves {@code weights} as the best evaluation's, at {@code step}; the previous best file goes unless the
     * current checkpoint names it.
     */
    void saveBest(VariableValues weights, long step) throws IOException {
        weights.save(bestFile(step));
        deleteBestExcept(step, checkpointedBest);
    }

    /** The tensors of the best evaluation ({@code progress.bestStep()}), or the current ones without one. */
    Map<String, WeightTensor> bestOrCurrent(VariableValues current, TrainerState progress) {
        return progress.bestStep() >= 0 ? Safetensors.read(bestFile(progress.bestStep())) : current.read();
    }

    /** Where the snapshot's weights come from, for messages. */
    String bestOrigin(TrainerState progress) {
        return progress.bestStep() >= 0 ? bestFile(progress.bestStep()).toString() : "the last training step";
    }

    private Path bestFile(long step) {
        return dir.resolve(String.format("%s%09d.safetensors", BEST_PREFIX, step));
    }

    /** Deletes the best files but those of {@code keptSteps}. */
    private void deleteBestExcept(long... keptSteps) throws IOException {
        Set<Path> kept = LongStream.of(keptSteps).mapToObj(this::bestFile).collect(Collectors.toSet());
        delete(p -> p.getFileName().toString().startsWith(BEST_PREFIX) && !kept.contains(p));
    }

    private void delete(Predicate<Path> which) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.filter(which).toList()) {
                AtomicFiles.deleteTree(p);
            }
        }
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
     * The end of a training step, shared by the stages: the step is checkpointed when it ends an interval of
     * {@code everySteps}, its progress is shown, and when a stop was asked for (Ctrl-C) the step is kept —
     * checkpointed now unless it just was — so that a rerun continues right after it.
     */
    void afterStep(String stage, TrainerState s, long totalSteps, int epochs, int everySteps,
                   VariableValues state, Progress progress) throws IOException {
        boolean saved = s.step() % everySteps == 0;
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
}
