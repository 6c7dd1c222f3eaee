package org.probelab.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.data.DataFormatException;

/** Text for masked-LM stages: plain files, folders, a data set's train sentences, a genre slice, held-out parts. */
class CorporaTest {
    @TempDir
    Path dir;

    private static List<List<List<String>>> text(Corpus corpus) {
        return corpus.documents().stream().map(Document::sentences).toList();
    }

    @Test
    void aFileWithoutBlankLinesHoldsOneDocumentPerLine() throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "the  cat sat\n  a dog\tbarked \n");
        Corpus corpus = Corpora.open("text:" + file);
        assertEquals(List.of(List.of(List.of("the", "cat", "sat")), List.of(List.of("a", "dog", "barked"))),
                text(corpus));
        assertEquals(file + ":2", corpus.documents().get(1).source());
        assertEquals(6, corpus.words());
    }

    @Test
    void blankLinesSeparateDocumentsOfOneSentencePerLine() throws IOException {
        Path file = Files.writeString(dir.resolve("b.txt"), "\nfirst one\nsecond one\n\n\nthird\n");
        Corpus corpus = Corpora.open("text:" + file);
        assertEquals(List.of(List.of(List.of("first", "one"), List.of("second", "one")), List.of(List.of("third"))),
                text(corpus));
        assertEquals(file + ":6", corpus.documents().get(1).source());
    }

    @Test
    void aFolderReadsEveryTxtFileInPathOrder() throws IOException {
        Files.createDirectories(dir.resolve("f/sub"));
        Files.writeString(dir.resolve("f/sub/z.txt"), "zed\n");
        Files.writeString(dir.resolve("f/a.txt"), "ay\n");
        Files.writeString(dir.resolve("f/notes.md"), "ignored\n");
        assertEquals(List.of(List.of(List.of("ay")), List.of(List.of("zed"))),
                text(Corpora.open("text:" + dir.resolve("f"))));
    }

    @Test
    void badTextIsNamedByFileAndLine() throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.write(file, new byte[] {'o', 'k', '\n', (byte) 0xC3, '(', '\n'});
        DataFormatException bad = assertThrows(DataFormatException.class, () -> Corpora.open("text:" + file));
        assertTrue(bad.getMessage().startsWith(file + ":2: invalid UTF-8"), bad.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n  \n");
        assertEquals(empty + " holds no text",
                assertThrows(EmptyCorpusException.class, () -> Corpora.open("text:" + empty)).getMessage());
        assertTrue(assertThrows(DataFormatException.class, () -> Corpora.open("text:" + dir.resolve("none.txt")))
                .getMessage().endsWith("none.txt: no such file or folder"));
        Files.createDirectories(dir.resolve("nothing"));
        assertThrows(EmptyCorpusException.class, () -> Corpora.open("text:" + dir.resolve("nothing")));
    }

    /** A CoNLL-U file with EWT-like ids: DOC-NNNN, the genre before the first dash. */
    private Path ewtLike() throws IOException {
        List<String> lines = new ArrayList<>();
        String[][] sentences = {
                {"reviews-001-0001", "great food"}, {"reviews-001-0002", "slow service"},
                {"email-17-0001", "see you"}, {"reviews-002-0001", "never again"}};
        for (String[] s : sentences) {
            lines.add("# sent_id = " + s[0]);
            String[] words = s[1].split(" ");
            for (int i = 0; i < words.length; i++) {
                lines.add(String.join("\t", Integer.toString(i + 1), words[i], words[i], "X", "_", "_",
                        i == 0 ? "0" : "1", i == 0 ? "root" : "dep", "_", "_"));
            }
            lines.add("");
        }
        Path file = dir.resolve("ewt.conllu");
        Files.write(file, lines, StandardCharsets.UTF_8);
        Files.copy(file, dir.resolve("ewt-dev.conllu"));
        Files.copy(file, dir.resolve("ewt-test.conllu"));
        return file;
    }

    @Test
    void aGenreSliceKeepsTheSentencesWhoseIdStartsWithItGroupedIntoTheirDocuments() throws IOException {
        Path train = ewtLike();
        String source = "conllu:" + train + "," + dir.resolve("ewt-dev.conllu") + "," + dir.resolve("ewt-test.conllu");
        Corpus all = Corpora.open(source);
        assertEquals(3, all.documents().size());
        Corpus reviews = Corpora.open(source + ";genre=reviews");
        assertEquals(List.of(List.of(List.of("great", "food"), List.of("slow", "service")),
                List.of(List.of("never", "again"))), text(reviews));
        assertEquals(source + ";genre=reviews", reviews.name());
        EmptyCorpusException none = assertThrows(EmptyCorpusException.class,
                () -> Corpora.open(source + ";genre=weblog"));
        assertTrue(none.getMessage().endsWith("its genres: {email=1, reviews=3}"), none.getMessage());
    }

    @Test
    void theDemoTreebankGivesItsTrainSentences() {
        Corpus demo = Corpora.open("demo:100");
        assertTrue(demo.words() > 100, "words: " + demo.words());
    }

    @Test
    void theHeldOutSliceIsSpreadEvenlyAndTheChecksumFollowsTheText() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            lines.append("document ").append(i).append('\n');
        }
        Corpus corpus = Corpora.open("text:" + Files.writeString(dir.resolve("c.txt"), lines));
        Corpus.Split split = corpus.split(Corpus.HELD_OUT_FRACTION);
        assertEquals(List.of(List.of(List.of("document", "9")), List.of(List.of("document", "19"))),
                text(split.heldOut()));
        assertEquals(18, split.train().documents().size());
        assertEquals(corpus.checksum(), Corpora.open("text:" + dir.resolve("c.txt")).checksum());
        assertNotEquals(corpus.checksum(), split.train().checksum());
        assertThrows(IllegalArgumentException.class, () -> corpus.split(1.0));
        Corpus one = Corpora.open("text:" + Files.writeString(dir.resolve("one.txt"), "a b\n\nc\n"));
        assertEquals(Map.of("train", 1, "held", 1), Map.of("train", one.split(0.1).train().documents().size(),
                "held", one.split(0.1).heldOut().documents().size()));
        Corpus single = Corpora.open("text:" + Files.writeString(dir.resolve("s.txt"), "only line\n"));
        assertThrows(EmptyCorpusException.class, () -> single.split(0.1));
    }
}
