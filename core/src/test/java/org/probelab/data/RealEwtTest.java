package org.probelab.data;

import org.probelab.data.DataHome;
import org.probelab.data.DataSources;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.io.CacheRoot;

/**
 * The real UD English EWT, read the way users name it ({@code ud:en_ewt}), from the data home in
 * {@code PROBELAB_DATA}; CI sets it when the shared data is present, elsewhere the test is skipped.
 * Counts are taken from the files themselves, not written down here.
 */
class RealEwtTest {
    private static final String TREEBANK_DIR = "ud-english-ewt";

    @TempDir
    Path cache;

    private static Path ewtHome() {
        String data = System.getenv(DataHome.DATA_VARIABLE);
        assumeTrue(data != null && Files.isRegularFile(Path.of(data, TREEBANK_DIR, "en_ewt-ud-train.conllu")),
                "PROBELAB_DATA does not hold " + TREEBANK_DIR);
        return Path.of(data, TREEBANK_DIR);
    }

    @Test
    void udEnEwtReadsEverySentenceOfTheDataHomeFilesWithoutTouchingTheCache() throws IOException {
        Path ewt = ewtHome();

        Dataset loaded = DataSources.open("ud:en_ewt", CacheRoot.of(cache));

        assertEquals("ud:en_ewt", loaded.name());
        assertEquals(sentencesIn(ewt.resolve("en_ewt-ud-train.conllu")), loaded.train().size());
        assertEquals(sentencesIn(ewt.resolve("en_ewt-ud-dev.conllu")), loaded.dev().size());
        assertEquals(sentencesIn(ewt.resolve("en_ewt-ud-test.conllu")), loaded.test().size());
        Set<String> tags = new TreeSet<>();
        for (List<Sentence> split : List.of(loaded.train(), loaded.dev(), loaded.test())) {
            for (Sentence sentence : split) {
                assertEquals(1, sentence.words().stream().filter(w -> w.head() == 0).count(), sentence.id());
                sentence.words().forEach(word -> tags.add(word.upos()));
            }
        }
        assertEquals(Set.of("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
                "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"), tags, "the 17 universal POS tags");
        assertFalse(Files.exists(cache.resolve("data")), "data found in the data home is not copied to the cache");
    }

    private static long sentencesIn(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith("# sent_id")).count();
        }
    }
}
