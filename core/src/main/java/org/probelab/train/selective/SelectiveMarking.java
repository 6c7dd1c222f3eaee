package org.probelab.train.selective;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.probelab.Progress;
import org.probelab.data.Checksums;
import org.probelab.data.DataSources;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.io.AtomicFiles;
import org.probelab.io.CacheRoot;
import org.probelab.model.DeviceOptions;
import org.probelab.model.PretrainedModel;
import org.probelab.text.Vocab;
import org.probelab.train.FineTuneSettings;
import org.probelab.train.FineTuneSpec;
import org.probelab.train.FineTuneStage;
import org.probelab.train.Stages;
import org.probelab.train.TaskModel;
import org.probelab.train.mlm.MaskRule;
import org.probelab.train.mlm.PackedSequence;
import org.probelab.train.mlm.SelectiveMasking;
import org.probelab.train.mlm.SequenceMarks;

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
     * What a masked-LM stage declared with {@code spec} runs before it trains: fine-tunes {@code input} into the
     * sentence classifier on the labelled data (the spec's, or the recipe's {@code recipeData}), then
     * {@link #prepare(PretrainedModel, List, double, PretrainedModel, FineTuneSettings, List, MaskRule, Path,
     * DeviceOptions, Progress, Path) prepare} with the tagger fine-tuned from {@code input} too. The classifier's
     * stage is kept under a digest of its inputs (input weights, data, task, settings), resumable as any stage.
     */
    public static SelectiveMasking prepare(SelectiveMaskingSpec spec, PretrainedModel input, Dataset recipeData,
                                           List<PackedSequence> sequences, MaskRule rule, Path workDir,
                                           DeviceOptions device, Progress progress) throws IOException {
        Dataset labelled = spec.data() == null ? recipeData : DataSources.open(spec.data());
        String inputs = String.join("\n", input.checksum(), labelled.checksum(), spec.task(),
                spec.tuning().toString());
        Path dir = workDir.resolve("classifier-"
                + Checksums.sha256(inputs.getBytes(StandardCharsets.UTF_8)).substring(0, 16));
        Path cacheRoot = CacheRoot.fromEnvironment().dir();
        progress.note("selective masking: fine-tuning the " + spec.task() + " classifier on " + labelled.name());
        PretrainedModel classifier = Stages.run(List.of(new FineTuneStage(new FineTuneSpec(spec.task(),
                spec.tuning()))), input, labelled, dir, device, progress, cacheRoot).get(0).model();
        return prepare(classifier, labelled.train(), spec.delta(), input, spec.tuning(), sequences, rule, workDir,
                device, progress, cacheRoot);
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
                taggerStart.checksum(), taggerSettings.toString(), StopWords.SPACY_ENGLISH.name());
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
        Path marks = dir.resolve(MARKS);
        if (scores.scored() > 0 && scores.importantShare() == 1) {
            // The classifier's confidence never moved with the words: the method marks every word, and a tagger
            // would have only that one class to learn. Every word position is marked: dynamic subword masking.
            progress.note("selective masking: the classifier marked every word of the " + scores.scored()
                    + " sentences it got right important (delta " + delta + "); every word is marked");
            write(SequenceMarks.of(sequences, sequences.stream().map(SelectiveMarking::everyWord).toList()), sequences,
                    taggerStart, marks, progress);
            return new SelectiveMasking(rule, marks.toString());
        }
        PretrainedModel tagger = Stages.run(List.of(ImportanceTagger.stage(taggerSettings)), taggerStart,
                ImportanceTagger.trainingData("importance", labelled, scores), dir, device, progress, cacheRoot)
                .get(0).model();
        progress.note("selective masking: marking " + sequences.size() + " sequences");
        try (TaskModel model = TaskModel.open(tagger, Path.of(tagger.id()), "selective masking", device)) {
            write(ImportanceTagger.markSequences(model, sequences, taggerSettings.microBatchTokens()), sequences,
                    taggerStart, marks, progress);
        }
        return new SelectiveMasking(rule, marks.toString());
    }

    /** Writes {@code marked} without its stop words ({@link StopWords#SPACY_ENGLISH}), as the authors' code masks. */
    private static void write(SequenceMarks marked, List<PackedSequence> sequences, PretrainedModel vocabulary,
                              Path file, Progress progress) throws IOException {
        SequenceMarks kept = StopWords.SPACY_ENGLISH.unmark(marked, sequences, Vocab.read(vocabulary.vocab()));
        progress.note(String.format(Locale.ROOT, "selective masking: %.1f%% of the words' subwords marked, "
                + "%.1f%% once stop words are left out", 100 * marked.markedShare(sequences),
                100 * kept.markedShare(sequences)));
        kept.write(file);
    }

    /** Every position of {@code sequence} that holds a word (not [CLS] or [SEP]). */
    private static boolean[] everyWord(PackedSequence sequence) {
        boolean[] marked = new boolean[sequence.length()];
        for (int p = 0; p < marked.length; p++) {
            marked[p] = sequence.words()[p] >= 0;
        }
        return marked;
    }
}
