package org.probelab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.probelab.Progress;
import org.probelab.io.AtomicFiles;
import org.probelab.model.DeviceOptions;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;
import org.probelab.data.Dataset;

/**
 * Runs a recipe of stages one after another, each starting from the previous one's snapshot, under
 * {@code runDir/stages/NN-name}. A stage whose snapshot is complete is not run again, and an
 * interrupted one resumes from its checkpoint: running the same recipe again continues where it stopped.
 */
public final class Stages {
    public static final String RESULT_FILE = "stage.json";
    /** The directory of a run that holds its stages' snapshots. */
    public static final String STAGES_DIR = "stages";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Stages() {
    }

    /** A completed stage: what it did and the model it made. */
    public record Completed(StageResult result, Path snapshot, PretrainedModel model) {
    }

    /**
     * @param cacheRoot where {@code ModelStore} keeps the snapshots' weight checksums
     */
    public static List<Completed> run(List<Stage> stages, PretrainedModel start, Dataset data, Path runDir,
                                      DeviceOptions device, Progress progress, Path cacheRoot) throws IOException {
        List<Completed> done = new ArrayList<>();
        PretrainedModel current = start;
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            Path snapshot = snapshotDir(runDir, i, stage);
            Path work = snapshot.resolveSibling(snapshot.getFileName() + ".work");
            StageResult result = read(snapshot);
            if (result == null) {
                result = stage.run(new StageContext(current, data, snapshot, work, device, progress));
                write(result, snapshot);
                AtomicFiles.deleteTree(work);
            }
            current = ModelStore.load(snapshot.toString(), cacheRoot);
            done.add(new Completed(result, snapshot, current));
        }
        return done;
    }

    /** Where the {@code index}-th stage (from 0) of a recipe run in {@code runDir} keeps its snapshot. */
    public static Path snapshotDir(Path runDir, int index, Stage stage) {
        return runDir.resolve(STAGES_DIR).resolve(String.format(Locale.ROOT, "%02d-%s", index + 1, stage.name()));
    }

    /** The result of a complete snapshot in {@code snapshot}, or null when it is missing or incomplete. */
    public static StageResult read(Path snapshot) throws IOException {
        Path file = snapshot.resolve(RESULT_FILE);
        return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), StageResult.class) : null;
    }

    static void write(StageResult result, Path snapshot) throws IOException {
        AtomicFiles.write(snapshot.resolve(RESULT_FILE), JSON.writeValueAsBytes(result));
    }
}
