package org.probelab.data;

import org.probelab.data.ConllU;
import org.probelab.data.DataFormatException;
import org.probelab.data.Sentence;
import org.probelab.data.Word;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllUTest {
    @TempDir
    Path dir;

    private static String line(String... columns) {
        return String.join("\t", columns) + "\n";
    }

    private static final String CAN = line("1", "I", "I", "PRON", "PRP", "_", "2", "nsubj", "_", "_")
            + line("2", "can", "can", "AUX", "MD", "_", "0", "root", "_", "_");

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private DataFormatException failure(String content) throws IOException {
        Path file = write("bad.conllu", content);
        return assertThrows(DataFormatException.class, () -> ConllU.read(file));
    }

    @Test
    void readsWordsHeadsColumnsAndSentIdAndSkipsRangesAndEmptyNodes() throws IOException {
        Path file = write("a.conllu", "# sent_id = s1\n# text = I don't\n"
                + line("1", "I", "I", "PRON", "PRP", "_", "2", "nsubj", "_", "_")
                + line("2-3", "don't", "_", "_", "_", "_", "_", "_", "_", "_")
                + line("2", "do", "do", "AUX", "VBP", "_", "0", "root", "_", "_")
                + line("3", "n't", "not", "PART", "RB", "_", "2", "advmod:neg", "_", "_")
                + line("3.1", "know", "know", "VERB", "VB", "_", "_", "_", "2:conj", "_")
                + "\n");
        List<Sentence> sentences = ConllU.read(file);
        assertEquals(1, sentences.size());
        Sentence sentence = sentences.get(0);
        assertEquals("s1", sentence.id());
        assertEquals(file + ":1", sentence.source());
        assertEquals(List.of("I", "do", "n't"), sentence.forms());
        assertEquals(List.of(2, 0, 2), sentence.words().stream().map(Word::head).toList());
        Word not = sentence.words().get(2);
        assertEquals("PART", not.upos());
        assertEquals("RB", not.xpos());
        assertEquals("advmod:neg", not.deprel());
        assertEquals("advmod", not.deprelBase());
        assertEquals("not", not.column(2));
        assertNull(sentence.label());
    }

    @Test
    void keepsExtraColumnsOfConllULexFiles() throws IOException {
        Path file = write("lex.conllu", line("1", "Hi", "hi", "INTJ", "UH", "_", "0", "root", "_", "_", "B-v.social", "x"));
        Word word = ConllU.read(file).get(0).words().get(0);
        assertEquals(12, word.columns().size());
        assertEquals("B-v.social", word.column(10));
        assertEquals("_", word.column(12));
    }

    @Test
    void idFallsBackToFileAndLineAndUnderscoreHeadIsUnknown() throws IOException {
        Path file = write("b.conllu", "\n\n" + CAN + "\n\n\n"
                + line("1", "Go", "go", "VERB", "VB", "_", "_", "_", "_", "_"));
        List<Sentence> sentences = ConllU.read(file);
        assertEquals(List.of("b.conllu:3", "b.conllu:8"), sentences.stream().map(Sentence::id).toList());
        assertEquals(-1, sentences.get(1).words().get(0).head());
    }

    @Test
    void readsTrailingSentenceWithoutFinalBlankLineAndCrlfLineEnds() throws IOException {
        Path file = write("c.conllu", (CAN + "\n" + CAN).replace("\n", "\r\n").stripTrailing());
        List<Sentence> sentences = ConllU.read(file);
        assertEquals(2, sentences.size());
        assertEquals("root", sentences.get(1).words().get(1).deprel());
    }

    @Test
    void rejectsLineWithTooFewColumns() throws IOException {
        String message = failure(CAN + line("3", "x", "x", "X")).getMessage();
        assertTrue(message.endsWith("bad.conllu:3: expected at least 10 tab-separated columns, found 4"), message);
    }

    @Test
    void rejectsNonIntegerId() throws IOException {
        String message = failure(line("one", "I", "I", "PRON", "PRP", "_", "0", "root", "_", "_")).getMessage();
        assertTrue(message.endsWith("bad.conllu:1: ID 'one' is not an integer"), message);
    }

    @Test
    void rejectsNonSequentialId() throws IOException {
        String message = failure(CAN.replace("2\tcan", "3\tcan")).getMessage();
        assertTrue(message.endsWith("bad.conllu:2: ID 3 is not sequential, expected 2"), message);
    }

    @Test
    void rejectsNonIntegerHead() throws IOException {
        String message = failure(CAN.replace("\t0\troot", "\tzero\troot")).getMessage();
        assertTrue(message.endsWith("bad.conllu:2: HEAD 'zero' is not an integer"), message);
    }

    @Test
    void rejectsHeadBeyondSentenceNamingTheWordLine() throws IOException {
        String message = failure("# sent_id = x\n" + CAN.replace("\t2\tnsubj", "\t9\tnsubj") + "\n").getMessage();
        assertTrue(message.endsWith("bad.conllu:2: HEAD 9 is out of range: the sentence has 2 words"), message);
    }

    @Test
    void rejectsNegativeHead() throws IOException {
        String message = failure(CAN.replace("\t2\tnsubj", "\t-1\tnsubj")).getMessage();
        assertTrue(message.contains("bad.conllu:1: HEAD -1 is out of range"), message);
    }

    @Test
    void rejectsInvalidUtf8NamingItsLine() throws IOException {
        Path file = dir.resolve("latin1.conllu");
        byte[] bad = line("1", "caf\u00e9", "_", "NOUN", "NN", "_", "0", "root", "_", "_")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] good = CAN.getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[good.length + 1 + bad.length];
        System.arraycopy(good, 0, content, 0, good.length);
        content[good.length] = '\n';
        System.arraycopy(bad, 0, content, good.length + 1, bad.length);
        Files.write(file, content);
        String message = assertThrows(DataFormatException.class, () -> ConllU.read(file)).getMessage();
        assertTrue(message.contains("latin1.conllu:4: invalid UTF-8"), message);
    }

    @Test
    void rejectsSentenceWithOnlyComments() throws IOException {
        String message = failure(CAN + "\n# sent_id = empty\n# text = nothing\n\n" + CAN).getMessage();
        assertTrue(message.contains("bad.conllu:4: sentence without words"), message);
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("absent.conllu");
        String message = assertThrows(DataFormatException.class, () -> ConllU.read(file)).getMessage();
        assertEquals(file + ": file not found", message);
    }

    @Test
    void writtenSentencesReadBackEqualWithLabelsAndPlainWords() throws IOException {
        List<Sentence> original = ConllU.read(write("d.conllu", "# sent_id = s1\n" + CAN));
        Sentence labelled = new Sentence("s2", "mem", List.of(Word.plain("Stop"), Word.plain("!")), "command");
        Path out = dir.resolve("sub/out.conllu");
        ConllU.write(List.of(original.get(0), labelled), out);
        List<Sentence> back = ConllU.read(out);
        assertEquals(original.get(0).words(), back.get(0).words());
        assertEquals("s1", back.get(0).id());
        assertEquals("command", back.get(1).label());
        assertEquals(List.of("Stop", "!"), back.get(1).forms());
        assertEquals(-1, back.get(1).words().get(0).head());
        try (var files = Files.list(out.getParent())) {
            assertEquals(List.of(out), files.toList(), "no temporary file is left behind");
        }
    }
}
