package org.probelab.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.probelab.io.CacheRoot;

/**
 * Opens a data set from a short source string, the form the CLI and specs use:
 * <ul>
 *   <li>{@code demo} or {@code demo:N} — the generated demo treebank ({@value #DEMO_SENTENCES} sentences by default)</li>
 *   <li>{@code ud:NAME} — a UD treebank by name, e.g. {@code ud:en_ewt}</li>
 *   <li>{@code conllu:PATH} — a directory with {@code *train*.conllu}, {@code *dev*.conllu} and {@code *test*.conllu};
 *       three files {@code TRAIN,DEV,TEST}; or one file, split by sentence position (every tenth to test,
 *       the one before it to dev)</li>
 *   <li>{@code tsv:PATH} — the same for {@code text<TAB>label} files ({@code .tsv})</li>
 * </ul>
 */
public final class DataSources {
    public static final int DEMO_SENTENCES = 3000;
    public static final long DEMO_SEED = 13;
    /** Fewer sentences leave the 10% dev and test splits empty. */
    public static final int DEMO_MIN_SENTENCES = 10;

    private DataSources() {
    }

    /** Opens {@code source}, downloading a UD treebank into the cache root this process is configured for. */
    public static Dataset open(String source) {
        return open(source, CacheRoot.fromEnvironment());
    }

    /** Opens {@code source}, downloading a UD treebank into {@code cache}. */
    public static Dataset open(String source, CacheRoot cache) {
        int colon = source.indexOf(':');
        String kind = colon < 0 ? source : source.substring(0, colon);
        String argument = colon < 0 ? "" : source.substring(colon + 1);
        return switch (kind) {
            case "demo" -> DemoTreebank.generate(argument.isEmpty() ? DEMO_SENTENCES : demoSize(argument), DEMO_SEED);
            case "ud" -> UniversalDependencies.load(requireArgument(source, argument, "a treebank name, e.g. ud:en_ewt"),
                    DataHome.fromEnvironment(cache));
            case "conllu" -> files(source, requireArgument(source, argument, "a file or directory"), "conllu", ConllU::read);
            case "tsv" -> files(source, requireArgument(source, argument, "a file or directory"), "tsv", LabelledText::read);
            default -> throw new IllegalArgumentException("unknown data source '" + source
                    + "': use demo, demo:N, ud:NAME, conllu:PATH or tsv:PATH");
        };
    }

    private static int demoSize(String argument) {
        try {
            int n = Integer.parseInt(argument);
            if (n >= DEMO_MIN_SENTENCES) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("demo:N needs a sentence count of at least " + DEMO_MIN_SENTENCES
                + ", not '" + argument + "'");
    }

    private static String requireArgument(String source, String argument, String what) {
        if (argument.isBlank()) {
            throw new IllegalArgumentException("data source '" + source + "' needs " + what);
        }
        return argument;
    }

    private static Dataset files(String source, String argument, String extension,
                                 Function<Path, List<Sentence>> reader) {
        String[] parts = argument.split(",");
        if (parts.length == 3) {
            return dataset(source, reader.apply(existing(parts[0])), reader.apply(existing(parts[1])),
                    reader.apply(existing(parts[2])));
        }
        if (parts.length != 1) {
            throw new IllegalArgumentException("data source '" + source + "': give one path or three (TRAIN,DEV,TEST)");
        }
        Path path = existing(argument);
        if (Files.isDirectory(path)) {
            return dataset(source, reader.apply(splitFile(path, "train", extension)),
                    reader.apply(splitFile(path, "dev", extension)), reader.apply(splitFile(path, "test", extension)));
        }
        List<Sentence> all = reader.apply(path);
        List<Sentence> train = new ArrayList<>();
        List<Sentence> dev = new ArrayList<>();
        List<Sentence> test = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (i % 10 == 9 ? test : i % 10 == 8 ? dev : train).add(all.get(i));
        }
        return dataset(source, train, dev, test);
    }

    private static Dataset dataset(String name, List<Sentence> train, List<Sentence> dev, List<Sentence> test) {
        return new Dataset(name, train, dev, test, Checksums.ofSplits(train, dev, test));
    }

    private static Path existing(String path) {
        Path p = Path.of(path.strip());
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("data file or directory not found: " + p.toAbsolutePath());
        }
        return p;
    }

    private static Path splitFile(Path dir, String split, String extension) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matches = files.filter(f -> {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith("." + extension) && name.contains(split);
            }).sorted().toList();
            if (matches.size() != 1) {
                throw new IllegalArgumentException("directory " + dir + " must hold exactly one *" + split + "*."
                        + extension + " file, found " + (matches.isEmpty() ? "none" : matches));
            }
            return matches.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
