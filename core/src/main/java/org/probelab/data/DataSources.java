package org.probelab.data;

import org.probelab.data.demo.DemoTreebank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.probelab.io.CacheRoot;

/**
 * Opens a data set from a short source string, the form the CLI and specs use:
 * <ul>
 *   <li>{@code demo} or {@code demo:N} — the generated demo treebank ({@value #DEMO_SENTENCES} sentences by default)</li>
 *   <li>{@code ud:NAME} — a UD treebank by name, e.g. {@code ud:en_ewt}</li>
 *   <li>{@code conllu:PATH} — CoNLL-U or CoNLL-U-Lex ({@code .conllu}, {@code .conllulex}): a directory with
 *       {@code *train*}, {@code *dev*} and {@code *test*} files; three files {@code TRAIN,DEV,TEST}; or one file,
 *       split by sentence position (every tenth to test, the one before it to dev)</li>
 *   <li>{@code tsv:PATH} — the same for {@code text<TAB>label} files ({@code .tsv})</li>
 * </ul>
 * Data with train and test but no dev (two files {@code TRAIN,TEST}, or a directory without a dev file) takes
 * dev from train when the source ends in {@code ;dev-from-train=F} ({@link #withDevFromTrain}), never from test.
 */
public final class DataSources {
    public static final int DEMO_SENTENCES = 3000;
    public static final long DEMO_SEED = 13;
    /** Fewer sentences leave the 10% dev and test splits empty. */
    public static final int DEMO_MIN_SENTENCES = 10;
    private static final String DEV_FROM_TRAIN = ";dev-from-train=";

    /** How a kind of file is recognised in a directory, read, and what its columns are called. */
    private record Format(List<String> extensions, Function<Path, List<Sentence>> reader,
                          Function<Path, List<String>> columns) {
    }

    private static final Format CONLLU = new Format(List.of("conllu", "conllulex"), ConllU::read, ConllU::columnNames);
    private static final Format TSV = new Format(List.of("tsv"), LabelledText::read, file -> List.of());

    private DataSources() {
    }

    /**
     * {@code source} with dev taken from train: sentence i of train (from 0) goes to dev when
     * floor((i + 1) * fraction) > floor(i * fraction), so dev is spread evenly through train (for 0.1,
     * every tenth sentence: the 10th, 20th, ...) and the same every time.
     */
    public static String withDevFromTrain(String source, double fraction) {
        return source + DEV_FROM_TRAIN + requireFraction(fraction, Double.toString(fraction));
    }

    private static double requireFraction(double fraction, String text) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("dev-from-train takes a fraction between 0 and 1, e.g. 0.1, not " + text);
        }
        return fraction;
    }

    /** Opens {@code source}, downloading a UD treebank into the cache root this process is configured for. */
    public static Dataset open(String source) {
        return open(source, CacheRoot.fromEnvironment());
    }

    /** Opens {@code source}, downloading a UD treebank into {@code cache}. */
    public static Dataset open(String source, CacheRoot cache) {
        int options = source.indexOf(DEV_FROM_TRAIN);
        String plain = options < 0 ? source : source.substring(0, options);
        double devFromTrain = options < 0 ? 0 : fraction(source.substring(options + DEV_FROM_TRAIN.length()));
        int colon = plain.indexOf(':');
        String kind = colon < 0 ? plain : plain.substring(0, colon);
        String argument = colon < 0 ? "" : plain.substring(colon + 1);
        if (devFromTrain > 0 && !kind.equals("conllu") && !kind.equals("tsv")) {
            throw new IllegalArgumentException("data source '" + source + "': dev-from-train applies to conllu: and tsv:"
                    + " files that have no dev split");
        }
        return switch (kind) {
            case "demo" -> DemoTreebank.generate(argument.isEmpty() ? DEMO_SENTENCES : demoSize(argument), DEMO_SEED);
            case "ud" -> UniversalDependencies.load(requireArgument(source, argument, "a treebank name, e.g. ud:en_ewt"),
                    DataHome.fromEnvironment(cache));
            case "conllu" -> files(source, requireArgument(source, argument, "a file or directory"), devFromTrain, CONLLU);
            case "tsv" -> files(source, requireArgument(source, argument, "a file or directory"), devFromTrain, TSV);
            default -> throw new IllegalArgumentException("unknown data source '" + source
                    + "': use demo, demo:N, ud:NAME, conllu:PATH or tsv:PATH");
        };
    }

    private static double fraction(String text) {
        try {
            return requireFraction(Double.parseDouble(text), text);
        } catch (NumberFormatException e) {
            return requireFraction(Double.NaN, text);
        }
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

    private static Dataset files(String source, String argument, double devFromTrain, Format format) {
        String[] parts = argument.split(",");
        if (parts.length == 3) {
            requireNoFraction(source, devFromTrain, "there is a dev file");
            return fromFiles(source, existing(parts[0]), existing(parts[1]), existing(parts[2]), format);
        }
        if (parts.length == 2) {
            return withDevFromTrain(source, existing(parts[0]), existing(parts[1]), devFromTrain, format);
        }
        if (parts.length != 1) {
            throw new IllegalArgumentException("data source '" + source
                    + "': give one path, three (TRAIN,DEV,TEST), or two (TRAIN,TEST) with dev-from-train");
        }
        Path path = existing(argument);
        if (Files.isDirectory(path)) {
            Path train = splitFile(path, "train", format, true);
            Path dev = splitFile(path, "dev", format, false);
            Path test = splitFile(path, "test", format, true);
            if (dev == null) {
                return withDevFromTrain(source, train, test, devFromTrain, format);
            }
            requireNoFraction(source, devFromTrain, "there is a dev file, " + dev);
            return fromFiles(source, train, dev, test, format);
        }
        requireNoFraction(source, devFromTrain, "one file is split by position, every tenth sentence to test");
        List<Sentence> all = format.reader().apply(path);
        List<Sentence> train = new ArrayList<>();
        List<Sentence> dev = new ArrayList<>();
        List<Sentence> test = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (i % 10 == 9 ? test : i % 10 == 8 ? dev : train).add(all.get(i));
        }
        Map<Split, String> origins = new EnumMap<>(Split.class);
        origins.put(Split.TRAIN, path + " (8 of every 10 sentences)");
        origins.put(Split.DEV, path + " (the 9th of every 10 sentences)");
        origins.put(Split.TEST, path + " (the 10th of every 10 sentences)");
        return new Dataset(source, train, dev, test, Checksums.ofSplits(train, dev, test), origins,
                format.columns().apply(path));
    }

    private static void requireNoFraction(String source, double devFromTrain, String why) {
        if (devFromTrain > 0) {
            throw new IllegalArgumentException("data source '" + source + "': dev-from-train applies only where the data"
                    + " has no dev split, and here " + why);
        }
    }

    private static Dataset fromFiles(String name, Path train, Path dev, Path test, Format format) {
        Map<Split, String> origins = new EnumMap<>(Split.class);
        origins.put(Split.TRAIN, train.toString());
        origins.put(Split.DEV, dev.toString());
        origins.put(Split.TEST, test.toString());
        List<Sentence> trainSentences = format.reader().apply(train);
        List<Sentence> devSentences = format.reader().apply(dev);
        List<Sentence> testSentences = format.reader().apply(test);
        return new Dataset(name, trainSentences, devSentences, testSentences,
                Checksums.ofSplits(trainSentences, devSentences, testSentences), origins, format.columns().apply(train));
    }

    /** Train and test files; dev is the part of train {@link #withDevFromTrain} describes, never any of test. */
    private static Dataset withDevFromTrain(String name, Path trainFile, Path testFile, double fraction, Format format) {
        if (fraction <= 0) {
            throw new IllegalArgumentException("data source '" + name + "' has train (" + trainFile + ") and test ("
                    + testFile + ") but no dev split; take dev from train with --dev-from-train FRACTION (e.g. 0.1)");
        }
        List<Sentence> train = new ArrayList<>();
        List<Sentence> dev = new ArrayList<>();
        List<Sentence> all = format.reader().apply(trainFile);
        for (int i = 0; i < all.size(); i++) {
            (Math.floor((i + 1) * fraction) > Math.floor(i * fraction) ? dev : train).add(all.get(i));
        }
        List<Sentence> test = format.reader().apply(testFile);
        Map<Split, String> origins = new EnumMap<>(Split.class);
        origins.put(Split.TRAIN, trainFile + " (less dev)");
        origins.put(Split.DEV, trainFile + " (dev-from-train " + fraction + ")");
        origins.put(Split.TEST, testFile.toString());
        return new Dataset(name, train, dev, test, Checksums.ofSplits(train, dev, test), origins,
                format.columns().apply(trainFile));
    }

    private static Path existing(String path) {
        Path p = Path.of(path.strip());
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("data file or directory not found: " + p.toAbsolutePath());
        }
        return p;
    }

    /** The one file of {@code dir} named for the split; null if there is none and it is not {@code required}. */
    private static Path splitFile(Path dir, String split, Format format, boolean required) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matches = files.filter(f -> {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.contains(split) && format.extensions().stream().anyMatch(e -> name.endsWith("." + e));
            }).sorted().toList();
            if (matches.isEmpty() && !required) {
                return null;
            }
            if (matches.size() != 1) {
                throw new IllegalArgumentException("directory " + dir + " must hold exactly one *" + split + "* file ("
                        + format.extensions().stream().map(e -> "." + e).collect(Collectors.joining(" or "))
                        + "), found " + (matches.isEmpty() ? "none" : matches));
            }
            return matches.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
