package org.probelab.data;

import org.probelab.data.DataFormatException;
import org.probelab.data.LabelledText;
import org.probelab.data.Sentence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledTextTest {
    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("data.tsv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private String failure(String content) throws IOException {
        Path file = write(content);
        return assertThrows(DataFormatException.class, () -> LabelledText.read(file)).getMessage();
    }

    @Test
    void splitsTextOnWhitespaceAndTakesSecondFieldAsLabel() throws IOException {
        Path file = write("How far is it ?\tNUM:dist\n\n  a  fine   film \tpositive\n");
        List<Sentence> sentences = LabelledText.read(file);
        assertEquals(2, sentences.size());
        assertEquals(List.of("How", "far", "is", "it", "?"), sentences.get(0).forms());
        assertEquals("NUM:dist", sentences.get(0).label());
        assertEquals(List.of("a", "fine", "film"), sentences.get(1).forms());
        assertEquals("positive", sentences.get(1).label());
        assertEquals("data.tsv:3", sentences.get(1).id());
        assertEquals(-1, sentences.get(1).words().get(0).head());
    }

    @Test
    void rejectsLineWithoutTab() throws IOException {
        assertTrue(failure("ok\tx\nno tab here\n").endsWith("data.tsv:2: no tab: expected text<TAB>label"));
    }

    @Test
    void rejectsEmptyTextAndEmptyLabel() throws IOException {
        assertTrue(failure(" \tlabel\n").endsWith("data.tsv:1: empty text before the tab"));
        assertTrue(failure("text\t \n").endsWith("data.tsv:1: empty label after the tab"));
    }

    @Test
    void rejectsExtraFields() throws IOException {
        assertTrue(failure("a\tb\tc\n").endsWith("data.tsv:1: expected 2 tab-separated fields (text, label), found 3"));
    }

    @Test
    void rejectsUndecodableBytesNamingTheLine() throws IOException {
        Path file = dir.resolve("data.tsv");
        Files.write(file, "good\tx\nna\u00efve\ty\n".getBytes(StandardCharsets.ISO_8859_1));
        String message = assertThrows(DataFormatException.class, () -> LabelledText.read(file)).getMessage();
        assertTrue(message.contains("data.tsv:2: invalid UTF-8"), message);
    }
}
