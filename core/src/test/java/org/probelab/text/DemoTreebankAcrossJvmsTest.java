package org.probelab.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.testing.ChildJvm;

/**
 * The demo treebank is the same bytes in every JVM. Hash-ordered collections ({@code Map.of},
 * {@code Set.of}) iterate in a per-JVM order, which one run alone never shows: this test compares the
 * treebank written here with the ones written by two freshly started JVMs.
 */
class DemoTreebankAcrossJvmsTest {

    @Test
    void twoSeparateJvmsWriteTheSameBytesAsThisOne(@TempDir Path dir) throws Exception {
        Path here = dir.resolve("here.conllu");
        DemoTreebankFile.write(here);
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            children.add(ChildJvm.start(DemoTreebankFile.class, dir.resolve("child-" + i + ".log"), List.of(),
                    dir.resolve("child-" + i + ".conllu").toString()));
        }
        for (int i = 0; i < children.size(); i++) {
            assertEquals(0, ChildJvm.await(children.get(i)), Files.readString(dir.resolve("child-" + i + ".log")));
            assertArrayEquals(Files.readAllBytes(here), Files.readAllBytes(dir.resolve("child-" + i + ".conllu")),
                    "child JVM " + i + " generated another demo treebank");
        }
    }
}
