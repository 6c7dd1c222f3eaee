package org.probelab.represent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.Progress;
import org.probelab.data.ConllU;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.data.Split;
import org.probelab.data.Word;

class TaskTest {
    @TempDir
    Path cache;

    private final FakeEncoder encoder = new FakeEncoder(16);
    private final Dataset treebank = Fixtures.dataset("tb",
            List.of(Fixtures.chain("s1", null, "a", "b")), List.of(), List.of());
    private final Dataset plainText = Fixtures.dataset("plain",
            List.of(new Sentence("p1", "p.txt:1", List.of(Word.plain("a"), Word.plain("b")), "pos")), List.of(),
            List.of());

    private IllegalArgumentException refusal(Dataset data, Task task) {
        return assertThrows(IllegalArgumentException.class, () -> Extractor.extract(encoder, "fake",
                new FakeTokenizer(), data, task, ExtractionOptions.DEFAULTS, cache, Progress.NONE));
    }

    @Test
    void sentenceTaskOnUnlabelledSentencesSaysLabelsAreMissing() {
        IllegalArgumentException error = refusal(treebank, Task.sentence());
        assertTrue(error.getMessage().contains("sentence-level labels"), error.getMessage());
        assertTrue(error.getMessage().contains("data set fixture"), error.getMessage());
        assertEquals(0, encoder.calls);
    }

    @Test
    void dependencyTaskOnPlainTextSaysHeadsAreMissing() {
        IllegalArgumentException error = refusal(plainText, Task.dep(false));
        assertTrue(error.getMessage().contains("HEAD"), error.getMessage());
    }

    @Test
    void wordTaskOnAnAbsentColumnNamesTheColumn() {
        IllegalArgumentException error = refusal(treebank, Task.word("supersense", 12));
        assertTrue(error.getMessage().contains("column 12 (supersense)"), error.getMessage());
    }

    @Test
    void aHeadBeyondTheSentenceIsReportedWithItsSource() {
        Sentence broken = new Sentence("bad", "x.conllu:40", List.of(Fixtures.word(1, "a", "X", 5, "nsubj")), null);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Task.dep(false).targets(broken));
        assertTrue(error.getMessage().contains("x.conllu:40"), error.getMessage());
        assertTrue(error.getMessage().contains("head 5"), error.getMessage());
    }

    @Test
    void xposReadsColumnFourAndTaskIdsDiffer() {
        Sentence sentence = Fixtures.chain("s", null, "a");
        assertEquals("NOUNx", Task.xpos().targets(sentence).targets().get(0).label());
        assertEquals(4, List.of(Task.pos(), Task.xpos(), Task.dep(true), Task.dep(false)).stream()
                .map(Task::id).distinct().count());
    }

    @Test
    void everySplitMustYieldRowsAndTheEmptyOneIsNamedByItsFile() {
        Sentence labelled = Fixtures.chain("s", null, "a", "b");
        Sentence unlabelled = new Sentence("u", "u.conllu:1", List.of(Word.plain("a")), null);
        Map<Split, String> origins = Map.of(Split.TRAIN, "/d/x-train.conllu", Split.DEV, "/d/x-dev.conllu",
                Split.TEST, "/d/x-test.conllu");
        Dataset noTrain = new Dataset("conllu:/d", List.of(), List.of(labelled), List.of(labelled), "00", origins,
                ConllU.COLUMN_NAMES);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Task.pos().requireRowsInEverySplit(noTrain));
        assertEquals("the train split of conllu:/d (/d/x-train.conllu) has no sentences", empty.getMessage());

        Dataset unlabelledTest = new Dataset("conllu:/d", List.of(labelled), List.of(labelled), List.of(unlabelled),
                "00", origins, ConllU.COLUMN_NAMES);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Task.pos().requireRowsInEverySplit(unlabelledTest));
        assertTrue(none.getMessage().contains("none of the 1 sentences of the test split of conllu:/d (/d/x-test.conllu)"),
                none.getMessage());

        Task.pos().requireRowsInEverySplit(new Dataset("ok", List.of(labelled), List.of(labelled), List.of(labelled), "00"));
    }

    @Test
    void genreLabelsEachSentenceByTheLettersItsIdStartsWith() {
        Sentence review = Fixtures.chain("reviews-001325-0003", null, "good", "food");
        Sentence email = Fixtures.chain("email-enronsent01_01-0002", null, "see", "you");
        Sentence noId = Fixtures.chain("en_ewt-ud-train.conllu:12", null, "a");
        assertEquals("reviews", review.genre());
        assertEquals(null, noId.genre());
        assertEquals(null, Fixtures.chain("s1", null, "a").genre());
        Task genre = Task.named("genre");
        assertEquals(List.of("reviews"), genre.targets(review).targets().stream().map(Task.Target::label).toList());
        assertEquals(0, genre.targets(email).targets().get(0).words().length);
        assertEquals(1, genre.targets(noId).unlabelledSkipped());
        assertEquals(0, genre.arity());
        Task.checkName("genre");
        Task.genre().requireServableBy(Fixtures.dataset("g", List.of(review, email), List.of(email), List.of(review)));
    }

    @Test
    void genreRefusesDataWhoseIdsGiveNoGenreOrOnlyOne() {
        IllegalArgumentException none = refusal(treebank, Task.genre());
        assertTrue(none.getMessage().contains("sentence ids that start with a genre and a dash"), none.getMessage());
        assertEquals(0, encoder.calls);
        Dataset demoLike = Fixtures.dataset("d", List.of(Fixtures.chain("demo-1", "statement", "a"),
                Fixtures.chain("demo-2", "question", "b")), List.of(), List.of());
        IllegalArgumentException one = refusal(demoLike, Task.genre());
        assertEquals("task genre needs at least two genres among the training sentences of fixture, and their ids"
                + " give only 'demo' (the genre is the letters a sentence id starts with, before its first '-')",
                one.getMessage());
    }
}
