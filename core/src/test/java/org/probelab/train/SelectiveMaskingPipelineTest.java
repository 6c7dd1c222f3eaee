package org.probelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.Progress;
import org.probelab.data.Checksums;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.data.Word;
import org.probelab.data.corpus.Corpora;
import org.probelab.data.corpus.Corpus;
import org.probelab.data.corpus.Document;
import org.probelab.text.BertTokenizer;
import org.probelab.train.mlm.MaskRule;
import org.probelab.train.mlm.MaskTokens;
import org.probelab.train.mlm.PackedSequence;
import org.probelab.train.mlm.SelectiveMasking;
import org.probelab.train.mlm.SequenceMarks;
import org.probelab.train.mlm.SequencePacker;
import org.probelab.model.DeviceOptions;
import org.probelab.model.ModelSaver;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;
import org.probelab.train.selective.FineTunedClassifier;
import org.probelab.train.selective.ImportanceScorer;
import org.probelab.train.selective.ImportanceScores;
import org.probelab.train.selective.ImportanceTagger;
import org.probelab.train.selective.SelectiveMarking;
import org.probelab.train.selective.SelectiveMaskingSpec;

/**
 * Selective masking end to end on a tiny random BERT: a sentence classifier learns a task one word
 * decides (t0 → A, t1 → B, among filler words t2..t11), the scorer finds that word important in the sentences
 * the classifier gets right, a tagger trained on those scores marks the deciding words of unseen text, and
 * the selective mask policy masks those words in the packed masked-LM sequences.
 */
class SelectiveMaskingPipelineTest {
    private static final DeviceOptions CPU = DeviceOptions.cpu().withThreads(1, 1);

    @TempDir
    static Path dir;
    static PretrainedModel pretrained;
    static PretrainedModel classifier;
    static List<Sentence> train;
    /** The classifier's labelled data: the deciding-word sentences and filler-only ones. */
    static Dataset labelled;
    static FineTuneSettings settings;

    private static List<Sentence> sentences(int count, Random random, String prefix) {
        List<Sentence> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int n = 3 + random.nextInt(6);
            int deciding = random.nextInt(n);
            boolean a = random.nextBoolean();
            List<Word> words = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                words.add(Word.plain(i == deciding ? (a ? "t0" : "t1") : "t" + (2 + random.nextInt(10))));
            }
            out.add(new Sentence(prefix + s, "synthetic:" + s, words, a ? "A" : "B"));
        }
        return out;
    }

    /** Filler-only sentences, labelled A and B in turn: they teach the classifier that fillers say nothing. */
    private static List<Sentence> fillersOnly(int count, Random random) {
        List<Sentence> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            List<Word> words = new ArrayList<>();
            for (int i = 3 + random.nextInt(6); i > 0; i--) {
                words.add(Word.plain("t" + (2 + random.nextInt(10))));
            }
            out.add(new Sentence("fillers" + s, "synthetic:" + s, words, s % 2 == 0 ? "A" : "B"));
        }
        return out;
    }

    private static boolean deciding(String form) {
        return form.equals("t0") || form.equals("t1");
    }

    private static PretrainedModel fineTuned(String name, Dataset data, FineTuneStage stage, PretrainedModel start)
            throws IOException {
        return Stages.run(List.of(stage), start, data, dir.resolve(name), CPU, Progress.NONE, dir.resolve("cache"))
                .get(0).model();
    }

    @BeforeAll
    static void fineTuneTheClassifier() throws IOException {
        PretrainedModel random = SyntheticTask.model(dir.resolve("vocab"), SyntheticTask.config(), 3);
        ModelSaver.save(random, dir.resolve("pretrained"), ModelSaver.Format.SAFETENSORS);
        pretrained = ModelStore.load(dir.resolve("pretrained").toString());
        Random r = new Random(9);
        train = sentences(200, r, "train");
        List<Sentence> dev = sentences(40, r, "dev");
        settings = FineTuneStageTest.quick().epochs(8).sentenceFeature(SentenceFeature.MEAN).build();
        List<Sentence> classifierTrain = new ArrayList<>(train);
        classifierTrain.addAll(fillersOnly(200, r));
        labelled = new Dataset("one-word", classifierTrain, dev, List.of(), Checksums.ofSplits(classifierTrain, dev));
        classifier = fineTuned("classifier", labelled, new FineTuneStage(new FineTuneSpec("sentence", settings)),
                pretrained);
    }

    /** The unseen text as the masked LM packs it. */
    private static List<PackedSequence> packed(List<Sentence> unseen) {
        List<Document> documents = unseen.stream().map(s -> new Document(s.id(), List.of(s.forms()))).toList();
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(pretrained.vocab(), true);
        return SequencePacker.pack(Corpus.of("unseen", documents), tokenizer, 32,
                SequencePacker.Documents.JOIN_WITH_SEP);
    }

    /** Asserts that {@code policy} masks the deciding words' subwords and hardly anything else. */
    private static void assertMasksDecidingWords(SelectiveMasking policy, List<PackedSequence> packed) {
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(pretrained.vocab(), true);
        MaskTokens tokens = new MaskTokens(tokenizer.maskId(), SyntheticTask.vocab().size());
        int chosen = 0;
        int onDeciding = 0;
        for (PackedSequence sequence : packed) {
            for (int p : policy.mask(sequence, 0, 0, 1, tokens).positions()) {
                chosen++;
                onDeciding += deciding(SyntheticTask.vocab().get(sequence.ids()[p])) ? 1 : 0;
            }
        }
        assertTrue(chosen >= packed.size(), chosen + " positions masked in " + packed.size() + " sequences");
        assertTrue(onDeciding >= 0.95 * chosen, onDeciding + " of " + chosen + " masked positions are deciding words");
    }

    @Test
    void theDecidingWordIsScoredImportantAndTheTaggerMarksItInUnseenText() throws IOException {
        ImportanceScores scores;
        try (TaskModel model = TaskModel.open(classifier, Path.of(classifier.id()), "test", CPU)) {
            scores = new ImportanceScorer(new FineTunedClassifier(model, 128, 2048), ImportanceScorer.DEFAULT_DELTA)
                    .score(train);
        }
        int deciding = 0;
        int decidingMarked = 0;
        int fillers = 0;
        int fillersMarked = 0;
        for (int s = 0; s < train.size(); s++) {
            boolean[] marks = scores.important().get(s);
            if (marks == null) {
                continue;
            }
            for (int w = 0; w < marks.length; w++) {
                if (deciding(train.get(s).words().get(w).form())) {
                    deciding++;
                    decidingMarked += marks[w] ? 1 : 0;
                } else {
                    fillers++;
                    fillersMarked += marks[w] ? 1 : 0;
                }
            }
        }
        assertTrue(scores.scored() >= 180, "the classifier got " + scores.scored() + " of 200 right");
        assertTrue(decidingMarked >= 0.9 * deciding, decidingMarked + " of " + deciding + " deciding words marked");
        assertTrue(fillersMarked <= 0.1 * fillers, fillersMarked + " of " + fillers + " fillers marked");

        PretrainedModel tagger = fineTuned("tagger", ImportanceTagger.trainingData("importance", train, scores),
                ImportanceTagger.stage(settings), pretrained);
        List<Sentence> unseen = sentences(60, new Random(10), "unseen");
        List<boolean[]> marks;
        try (TaskModel model = TaskModel.open(tagger, Path.of(tagger.id()), "test", CPU)) {
            marks = ImportanceTagger.mark(model, unseen, 128, 2048);
        }
        int right = 0;
        int words = 0;
        for (int s = 0; s < unseen.size(); s++) {
            for (int w = 0; w < unseen.get(s).length(); w++) {
                words++;
                right += marks.get(s)[w] == deciding(unseen.get(s).words().get(w).form()) ? 1 : 0;
            }
        }
        assertTrue(right >= 0.95 * words, "the tagger marks " + right + " of " + words + " words as the scorer would");

        // The domain text as the masked LM packs it: the policy masks the deciding words' subwords only.
        List<PackedSequence> packed = packed(unseen);
        Path file = dir.resolve("marks.json");
        try (TaskModel model = TaskModel.open(tagger, Path.of(tagger.id()), "test", CPU)) {
            ImportanceTagger.markSequences(model, packed, 2048).write(file);
        }
        assertMasksDecidingWords(new SelectiveMasking(file.toString()), packed);
    }

    @Test
    void prepareRunsTheThreeStepsOnceAndOtherInputsGetTheirOwnResults() throws IOException {
        List<PackedSequence> packed = packed(sentences(60, new Random(11), "domain"));
        Path work = dir.resolve("selective");
        SelectiveMasking policy = SelectiveMarking.prepare(classifier, train, ImportanceScorer.DEFAULT_DELTA,
                pretrained, settings, packed, MaskRule.BERT, work, CPU, Progress.NONE, dir.resolve("cache"));
        assertMasksDecidingWords(policy, packed);
        Path marks = Path.of(policy.marks());
        Path scores = marks.resolveSibling(SelectiveMarking.SCORES);
        FileTime scored = Files.getLastModifiedTime(scores);
        StageResult tagger = Stages.read(marks.resolveSibling("stages").resolve("01-finetune-column-1"));
        assertTrue(tagger != null && tagger.bestDevAccuracy() >= 0.95, "tagger " + tagger);

        SelectiveMasking again = SelectiveMarking.prepare(classifier, train, ImportanceScorer.DEFAULT_DELTA,
                pretrained, settings, packed, MaskRule.BERT, work, CPU, Progress.NONE, dir.resolve("cache"));
        assertEquals(policy, again);
        assertEquals(scored, Files.getLastModifiedTime(scores), "the scores were computed again");

        SelectiveMasking otherDelta = SelectiveMarking.prepare(classifier, train, 0.05, pretrained, settings,
                packed, MaskRule.BERT, work, CPU, Progress.NONE, dir.resolve("cache"));
        assertNotEquals(policy.marks(), otherDelta.marks());
    }

    @Test
    void aClassifierNoWordSwaysMarksEveryWordWithoutATagger() throws IOException {
        // One label only: the classifier is certain whatever it reads, so every word brings it to its confidence.
        List<Sentence> same = sentences(40, new Random(13), "same").stream()
                .map(sentence -> new Sentence(sentence.id(), sentence.source(), sentence.words(), "A")).toList();
        PretrainedModel certain = fineTuned("certain", new Dataset("one-label", same, same.subList(0, 4), List.of(),
                Checksums.ofSplits(same)), new FineTuneStage(new FineTuneSpec("sentence",
                FineTuneStageTest.quick().epochs(1).build())), pretrained);
        List<PackedSequence> packed = packed(sentences(20, new Random(14), "text"));
        Path work = dir.resolve("certain-marks");
        SelectiveMasking policy = SelectiveMarking.prepare(certain, same, ImportanceScorer.DEFAULT_DELTA, pretrained,
                settings, packed, MaskRule.BERT, work, CPU, Progress.NONE, dir.resolve("cache"));
        SequenceMarks marks = new ObjectMapper().readValue(Path.of(policy.marks()).toFile(), SequenceMarks.class);
        assertEquals(1.0, marks.markedShare(packed), "every word position is marked");
        try (var stages = Files.walk(work)) {
            assertTrue(stages.noneMatch(p -> p.getFileName().toString().equals("stages")), "no tagger was trained");
        }
    }

    @Test
    void aMaskedLmStageDeclaredSelectiveMakesItsMarksAndKeepsThemBesideItsSnapshot() throws IOException {
        Path text = Files.write(dir.resolve("domain.txt"), sentences(60, new Random(12), "text").stream()
                .map(sentence -> String.join(" ", sentence.forms())).toList());
        MlmSettings mlm = MlmFixtures.FAST.toBuilder().epochs(1).build();
        MlmSpec spec = new MlmSpec(MlmSpec.Kind.DOMAIN_TRANSFER, "text:" + text, null, mlm,
                new SelectiveMaskingSpec("sentence", null, ImportanceScorer.DEFAULT_DELTA, settings), null);
        Path run = dir.resolve("selective-stage");
        StageResult result = new MlmStage(spec).run(new StageContext(pretrained, labelled, run.resolve("snapshot"),
                run.resolve("work"), CPU, Progress.NONE));
        assertTrue(result.steps() > 0 && !result.curves().evaluations().isEmpty(), "the stage trained: " + result);

        // The marks it trained with, on its training sequences packed as the stage packs them.
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(pretrained.vocab(), true);
        List<PackedSequence> packed = SequencePacker.pack(Corpora.open("text:" + text)
                .split(mlm.heldOutFraction()).train(), tokenizer, Math.min(mlm.maxSequenceLength(),
                pretrained.config().maxPositionEmbeddings()), mlm.documents());
        Path marks = run.resolve("snapshot").resolve(MlmStage.SELECTIVE_MARKS);
        assertMasksDecidingWords(new SelectiveMasking(marks.toString()), packed);
    }
}
