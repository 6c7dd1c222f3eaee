package org.probelab.data;

import org.probelab.data.DataSources;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.data.Split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.represent.Task;
import org.probelab.represent.WordTask;

/** Data sources as users name them: CoNLL-U-Lex directories, column names, dev taken from train. */
class DataSourcesTest {
    @TempDir
    Path dir;

    /** A CoNLL-U-Lex file of {@code sentences} one-word sentences; the word's SS column holds its sentence number. */
    private Path conllulex(Path file, int sentences, String header) throws IOException {
        List<String> lines = new ArrayList<>();
        if (header != null) {
            lines.add(header);
        }
        for (int s = 0; s < sentences; s++) {
            lines.add("# sent_id = " + file.getFileName() + "-" + s);
            lines.add(String.join("\t", "1", "word", "word", "NOUN", "NN", "_", "0", "root", "_", "_",
                    "_", "N", "word", "n." + s, "_", "_", "_", "_", "O-N"));
            lines.add("");
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        return file;
    }

    private static List<String> supersenses(List<Sentence> sentences) {
        return sentences.stream().map(s -> s.words().get(0).column(13)).toList();
    }

    @Test
    void aDirectoryOfConllulexFilesOpensAndItsColumnsHaveTheirNames() throws IOException {
        Path streusle = dir.resolve("streusle");
        conllulex(streusle.resolve("train.conllulex"), 5, null);
        conllulex(streusle.resolve("dev.conllulex"), 2, null);
        conllulex(streusle.resolve("test.conllulex"), 2, null);
        Dataset data = DataSources.open("conllu:" + streusle);
        assertEquals(List.of(5, 2, 2), List.of(data.train().size(), data.dev().size(), data.test().size()));
        assertEquals(new WordTask("column:ss", 13), Task.named("column:ss", data.columns()));
        assertEquals(new WordTask("column:SS2", 14), Task.named("column:SS2", data.columns()));
        assertEquals(new WordTask("column:upos", 3), Task.named("column:upos", data.columns()));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Task.named("column:supersense", data.columns()));
        assertTrue(unknown.getMessage().contains("no column 'supersense'") && unknown.getMessage().contains("ss2"),
                unknown.getMessage());
    }

    @Test
    void aGlobalColumnsHeaderNamesTheColumns() throws IOException {
        Path file = conllulex(dir.resolve("x.conllu"), 20, "# global.columns = ID FORM LEMMA UPOS XPOS FEATS HEAD"
                + " DEPREL DEPS MISC SMWE LEXCAT LEXLEMMA SUPERSENSE SS2 WMWE WCAT WLEMMA LEXTAG");
        Dataset data = DataSources.open("conllu:" + file);
        assertEquals(13, ((WordTask) Task.named("column:supersense", data.columns())).column());
        assertEquals(List.of("id", "form"), data.columns().subList(0, 2));
    }

    @Test
    void trainAndTestWithoutDevTakeDevFromTrainEvenlyAndNeverFromTest() throws IOException {
        Path train = conllulex(dir.resolve("two").resolve("x-train.conllulex"), 30, null);
        Path test = conllulex(dir.resolve("two").resolve("x-test.conllulex"), 4, null);
        String twoFiles = "conllu:" + train + "," + test;
        IllegalArgumentException noDev = assertThrows(IllegalArgumentException.class, () -> DataSources.open(twoFiles));
        assertTrue(noDev.getMessage().contains("--dev-from-train"), noDev.getMessage());

        for (String source : List.of(twoFiles, "conllu:" + dir.resolve("two"))) {
            Dataset data = DataSources.open(DataSources.withDevFromTrain(source, 0.1));
            assertEquals(List.of("n.9", "n.19", "n.29"), supersenses(data.dev()));
            assertEquals(27, data.train().size());
            assertEquals(List.of("n.0", "n.1", "n.2", "n.3"), supersenses(data.test()));
            assertTrue(data.origin(Split.DEV).startsWith(train.toString()), data.origin(Split.DEV));
        }
        Dataset again = DataSources.open(DataSources.withDevFromTrain(twoFiles, 0.1));
        assertEquals(DataSources.open(DataSources.withDevFromTrain(twoFiles, 0.1)).checksum(), again.checksum());
    }

    @Test
    void devFromTrainIsRefusedWhereThereIsADevSplitOrTheFractionIsNotOne() throws IOException {
        Path three = dir.resolve("three");
        conllulex(three.resolve("a-train.conllu"), 5, null);
        conllulex(three.resolve("a-dev.conllu"), 2, null);
        conllulex(three.resolve("a-test.conllu"), 2, null);
        IllegalArgumentException withDev = assertThrows(IllegalArgumentException.class,
                () -> DataSources.open(DataSources.withDevFromTrain("conllu:" + three, 0.1)));
        assertTrue(withDev.getMessage().contains("a-dev.conllu"), withDev.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataSources.withDevFromTrain("conllu:" + three, 1.5));
        assertThrows(IllegalArgumentException.class, () -> DataSources.open("conllu:" + three + ";dev-from-train=x"));
    }
}
