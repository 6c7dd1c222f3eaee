package org.probelab.train.selective;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.probelab.Progress;
import org.probelab.data.Checksums;
import org.probelab.data.Sentence;
import org.probelab.io.AtomicFiles;
import org.probelab.model.DeviceOptions;
import org.probelab.model.PretrainedModel;
import org.probelab.train.FineTuneSettings;
import org.probelab.train.Stages;
import org.probelab.train.TaskModel;
import org.probelab.train.mlm.MaskRule;
import org.probelab.train.mlm.PackedSequence;
import org.probelab.train.mlm.SelectiveMasking;

/**
 * The three steps of selective masking in one call, each kept so that a rerun does only what is
 * missing: the classifier's importance scores ({@value #SCORES}), the tagger's fine-tuning stage (under
 * {@code stages/}, resumable like any stage), and the marks of the packed sequences ({@value #MARKS}),
 * which the returned policy names. They live in a subdirectory of the work directory named by a digest
 * of everything they depend on (classifier and tagger start weights, labelled data, δ, tagger settings),
 * so results computed on other data or weights are never reused.
 */
public final class SelectiveMarking {
    public static final String SCORES = "importance.json";
    static final String MARKS = "marks.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SelectiveMarking() {
    }

    /**
     * @param classifier  a fine-tuned sentence classifier's snapshot (with its head), loaded from its directory
     * @param labelled    the task's labelled sentences it scores
     * @param taggerStart the model the tagger is fine-tuned from (typically the pretrained one)
     * @param sequences   the masked LM's packed sequences, which get marked
     */
    public static SelectiveMasking prepare(PretrainedModel classifier, List<Sentence> labelled, double delta,
                                           PretrainedModel taggerStart, FineTuneSettings taggerSettings,
                                           List<PackedSequence> sequences, MaskRule rule, Path workDir,
                                           DeviceOptions device, Progress progress, Path cacheRoot)
            throws IOException {
        String inputs = String.join("\n", classifier.checksum(), Checksums.ofSplits(labelled), Double.toString(delta),
                taggerStart.checksum(), taggerSettings.toString());
        Path dir = Files.createDirectories(workDir.resolve(
                Checksums.sha256(inputs.getBytes(StandardCharsets.UTF_8)).substring(0, 16)));
        Path scoresFile = dir.resolve(SCORES);
        ImportanceScores scores;
        if (Files.isRegularFile(scoresFile)) {
            scores = JSON.readValue(scoresFile.toFile(), ImportanceScores.class);
        } else {
            progress.note("selective masking: scoring the words of " + labelled.size() + " sentences");
            try (TaskModel model = TaskModel.open(classifier, Path.of(classifier.id()), "selective masking",
                    device)) {
                scores = new ImportanceScorer(new FineTunedClassifier(model, taggerSettings.maxSequenceLength(),
                        taggerSettings.microBatchTokens()), delta).score(labelled);
            }
            AtomicFiles.write(scoresFile, JSON.writeValueAsBytes(scores));
        }
        PretrainedModel tagger = Stages.run(List.of(ImportanceTagger.stage(taggerSettings)), taggerStart,
                ImportanceTagger.trainingData("importance", labelled, scores), dir, device, progress, cacheRoot)
                .get(0).model();
        Path marks = dir.resolve(MARKS);
        progress.note("selective masking: marking " + sequences.size() + " sequences");
        try (TaskModel model = TaskModel.open(tagger, Path.of(tagger.id()), "selective masking", device)) {
            ImportanceTagger.markSequences(model, sequences, taggerSettings.microBatchTokens()).write(marks);
        }
        return new SelectiveMasking(rule, marks.toString());
    }
}
