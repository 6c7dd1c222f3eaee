package org.probelab.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes the default demo treebank (all splits, in order) as CoNLL-U to {@code args[0]}; run in a child JVM. */
public final class DemoTreebankFile {
    private DemoTreebankFile() {
    }

    public static void main(String[] args) {
        write(Path.of(args[0]));
    }

    static void write(Path file) {
        Dataset demo = DataSources.open("demo");
        List<Sentence> all = new ArrayList<>(demo.train());
        all.addAll(demo.dev());
        all.addAll(demo.test());
        ConllU.write(all, file);
    }
}
