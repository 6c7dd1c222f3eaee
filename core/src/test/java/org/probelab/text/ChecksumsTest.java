package org.probelab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

    @Test
    void longAndNonAsciiFieldsHashAsTheirUtf8Bytes() {
        String longForm = "\u00e9".repeat(40_000) + "x".repeat(70_000);
        Sentence withLong = new Sentence("s", "src", List.of(Word.plain(longForm)), null);
        Sentence withOther = new Sentence("s", "src", List.of(Word.plain(longForm + "y")), null);
        assertNotEquals(Checksums.ofSplits(List.of(withLong)), Checksums.ofSplits(List.of(withOther)));
        assertEquals(Checksums.ofSplits(List.of(withLong)), Checksums.ofSplits(List.of(withLong)));
    }
}
