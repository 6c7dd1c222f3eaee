package org.probelab.data;

import org.probelab.data.Checksums;
import org.probelab.data.Sentence;
import org.probelab.data.Word;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {
    private static Sentence sentence(String id, String label, String upos) {
        Word word = new Word("caf\u00e9", 0, List.of("1", "caf\u00e9", "caf\u00e9", upos, "NN", "_", "0", "root", "_", "_"));
        return new Sentence(id, "a.conllu:1", List.of(word), label);
    }

    @Test
    void sha256MatchesTheStandardTestVectorForBytesAndFiles(@TempDir Path dir) throws IOException {
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // FIPS 180-2 example
        assertEquals(abc, Checksums.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc");
        assertEquals(abc, Checksums.sha256(file));
    }

    @Test
    void splitDigestSeesColumnsLabelsIdsAndSplitBoundariesButNotSourcePaths() {
        Sentence a = sentence("s1", "statement", "NOUN");
        Sentence b = sentence("s2", "question", "NOUN");
        String base = Checksums.ofSplits(List.of(a, b), List.of());
        assertNotEquals(base, Checksums.ofSplits(List.of(a, sentence("s2", "question", "PROPN")), List.of()));
        assertNotEquals(base, Checksums.ofSplits(List.of(a, sentence("s2", "command", "NOUN")), List.of()));
        assertNotEquals(base, Checksums.ofSplits(List.of(a, sentence("s3", "question", "NOUN")), List.of()));
        assertNotEquals(base, Checksums.ofSplits(List.of(a), List.of(b)));
        Sentence elsewhere = new Sentence("s2", "/other/place.conllu:9", b.words(), "question");
        assertEquals(base, Checksums.ofSplits(List.of(a, elsewhere), List.of()));
    }

    /** The digest is defined as SHA-256 over UTF-8 fields with separators; buffering must not change it. */
    @Test
    void fieldsLongerThanTheBufferAndNonAsciiFieldsHashAsTheirUtf8Bytes() {
        String longForm = "x".repeat(70_000) + "\u00e9".repeat(40_000) + "y";
        List<Sentence> split = List.of(new Sentence("s", "src", List.of(Word.plain("na\u00efve"), Word.plain(longForm)),
                null));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String field : List.of("s", "null")) {
            expected.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            expected.write(0x1F);
        }
        for (String form : List.of("na\u00efve", longForm)) {
            expected.writeBytes(form.getBytes(StandardCharsets.UTF_8));
            expected.write(0x1F);
            expected.writeBytes("-1".getBytes(StandardCharsets.UTF_8));
            expected.write(0x1F);
            expected.write(0x1E);
        }
        expected.write(0x1E);
        expected.write(0x1D);
        assertEquals(Checksums.sha256(expected.toByteArray()), Checksums.ofSplits(split));
    }
}
