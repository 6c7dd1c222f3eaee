package org.probelab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabTest {
    @TempDir
    Path dir;

    private Path write(byte[] content) throws IOException {
        Path file = dir.resolve("vocab.txt");
        Files.write(file, content);
        return file;
    }

    private Path write(String content) throws IOException {
        return write(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void idIsTheZeroBasedLineIndex() throws IOException {
        Vocab vocab = Vocab.read(write("[PAD]\nthe\n##s\ncafé\n"));
        assertEquals(4, vocab.size());
        assertEquals(0, vocab.id("[PAD]"));
        assertEquals(2, vocab.id("##s"));
        assertEquals(3, vocab.id("café"));
        assertEquals("the", vocab.token(1));
    }

    @Test
    void lastLineWithoutNewlineCounts() throws IOException {
        Vocab vocab = Vocab.read(write("a\nb"));
        assertEquals(2, vocab.size());
        assertEquals(1, vocab.id("b"));
    }

    @Test
    void windowsLineEndingsAndByteOrderMarkAreNotPartOfTokens() throws IOException {
        byte[] text = "first\r\nsecond\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Vocab vocab = Vocab.read(write(withBom));
        assertEquals(List.of(0, 1), List.of(vocab.id("first"), vocab.id("second")));
    }

    @Test
    void unknownTokenIsAbsentAndNotContained() {
        Vocab vocab = Vocab.of(List.of("a", "b"));
        assertEquals(Vocab.ABSENT, vocab.id("c"));
        assertFalse(vocab.contains("c"));
        assertTrue(vocab.contains("b"));
    }

    @Test
    void requireIdNamesTheMissingToken() {
        VocabException e = assertThrows(VocabException.class, () -> Vocab.of(List.of("a")).requireId("[MASK]"));
        assertTrue(e.getMessage().contains("[MASK]"), e.getMessage());
    }

    @Test
    void duplicateTokenIsReportedWithBothLines() throws IOException {
        Path file = write("a\nb\nc\nb\n");
        VocabException e = assertThrows(VocabException.class, () -> Vocab.read(file));
        assertTrue(e.getMessage().contains(file + ":4"), e.getMessage());
        assertTrue(e.getMessage().contains("first at line 2"), e.getMessage());
    }

    @Test
    void invalidUtf8IsReportedWithFileAndLine() throws IOException {
        Path file = write(new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        VocabException e = assertThrows(VocabException.class, () -> Vocab.read(file));
        assertTrue(e.getMessage().contains(file + ":2"), e.getMessage());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void blankLineInsideTheFileIsRejectedBecauseItWouldShiftIds() throws IOException {
        Path file = write("a\n\nb\n");
        VocabException e = assertThrows(VocabException.class, () -> Vocab.read(file));
        assertTrue(e.getMessage().contains(file + ":2"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path file = write("");
        VocabException e = assertThrows(VocabException.class, () -> Vocab.read(file));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = dir.resolve("nope/vocab.txt");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Vocab.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void streamSourceNameAppearsInErrors() {
        byte[] bytes = "x\nx\n".getBytes(StandardCharsets.UTF_8);
        VocabException e = assertThrows(VocabException.class,
                () -> Vocab.read(new ByteArrayInputStream(bytes), "model.zip!assets/vocab.txt"));
        assertTrue(e.getMessage().contains("model.zip!assets/vocab.txt:2"), e.getMessage());
    }

    @Test
    void tokenIdOutsideTheVocabularyIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vocab.of(List.of("a")).token(5));
        assertTrue(e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void vocabOfListRejectsDuplicates() {
        assertThrows(VocabException.class, () -> Vocab.of(List.of("a", "b", "a")));
    }
}
