package org.probelab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.probelab.io.AtomicFiles;

/**
 * Universal Dependencies treebanks by short name ({@code en_ewt}, {@code de_gsd}, …), as data sets
 * named {@code ud:<name>}.
 *
 * <p>Files are looked for, in order: in the data home ({@code PROBELAB_DATA}) as
 * {@code <home>/ud-english-ewt/en_ewt-ud-train.conllu} or in the official repository layout
 * {@code <home>/UD_English-EWT/…}; in the download cache {@code <cache>/UD_English-EWT/r2.16/}; and
 * finally downloaded from the UD GitHub repository at the pinned release tag into the cache. Cached
 * and downloaded files are verified by SHA-256: against pinned digests where this class knows them
 * (en_ewt), otherwise against the digests recorded in the cache's {@code SHA256SUMS} at first download.
 */
public final class UniversalDependencies {
    public static final String RELEASE = "r2.16";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);
    private static final String MANIFEST = "SHA256SUMS";

    /** A treebank's repository and, where pinned, the SHA-256 of each split file at {@link #RELEASE}. */
    private record Treebank(String name, String repository, Map<Split, String> pinned) {
        String fileName(Split split) {
            return name + "-ud-" + split.name().toLowerCase(Locale.ROOT) + ".conllu";
        }

        /** "UD_English-EWT" is kept as "ud-english-ewt" in the shared data layout. */
        String dataDirectoryName() {
            return repository.toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final Map<String, Treebank> TREEBANKS = treebanks(
            new Treebank("en_ewt", "UD_English-EWT", pinned(
                    "3fb78e2b55482c8ee00caa653af436c88c9e5bc9a73ce26e4ae3ddc79d2b7e7b",
                    "531a54ff90d6ab12201c5a50c3e78e6ddac4de69abc4bce5d275d3cd29efe2b6",
                    "e266e515a0a7547657ed3d90d9ba46487d6bd251f27ad4269d4e8a427c8555cd")),
            new Treebank("en_gum", "UD_English-GUM", Map.of()),
            new Treebank("en_lines", "UD_English-LinES", Map.of()),
            new Treebank("de_gsd", "UD_German-GSD", Map.of()),
            new Treebank("fr_gsd", "UD_French-GSD", Map.of()),
            new Treebank("es_gsd", "UD_Spanish-GSD", Map.of()),
            new Treebank("it_isdt", "UD_Italian-ISDT", Map.of()),
            new Treebank("zh_gsd", "UD_Chinese-GSD", Map.of()),
            new Treebank("ja_gsd", "UD_Japanese-GSD", Map.of()));

    private UniversalDependencies() {
    }

    /** The treebank names {@link #load} accepts. */
    public static Set<String> treebanks() {
        return TREEBANKS.keySet();
    }

    public static Dataset load(String name, DataHome home) {
        Treebank treebank = TREEBANKS.get(name);
        if (treebank == null) {
            throw new IllegalArgumentException("unknown UD treebank '" + name + "'; known: " + treebanks());
        }
        Map<Split, Path> files = locate(treebank, home);
        Map<Split, List<Sentence>> splits = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            splits.put(split, ConllU.read(files.get(split)));
        }
        List<Sentence> train = splits.get(Split.TRAIN);
        List<Sentence> dev = splits.get(Split.DEV);
        List<Sentence> test = splits.get(Split.TEST);
        Map<Split, String> origins = new EnumMap<>(Split.class);
        files.forEach((split, file) -> origins.put(split, file.toString()));
        return new Dataset("ud:" + name, train, dev, test, Checksums.ofSplits(train, dev, test), origins,
                ConllU.COLUMN_NAMES);
    }

    private static Map<Split, Path> locate(Treebank treebank, DataHome home) {
        if (home.data() != null) {
            for (Path dir : List.of(home.data().resolve(treebank.dataDirectoryName()),
                    home.data().resolve(treebank.repository()))) {
                if (hasAllFiles(treebank, dir)) {
                    return files(treebank, dir);
                }
            }
        }
        Path cacheDir = cacheDirectory(treebank, home);
        try {
            Map<String, String> recorded = readManifest(cacheDir);
            for (Split split : Split.values()) {
                Path file = cacheDir.resolve(treebank.fileName(split));
                if (!Files.isRegularFile(file)) {
                    download(treebank, split, file, home);
                }
                recorded.put(file.getFileName().toString(), verify(treebank, split, file, recorded));
                // Recorded per file, so a download that fails later still leaves the earlier digests.
                writeManifest(cacheDir, recorded);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data cache " + cacheDir + ": " + e.getMessage(), e);
        }
        return files(treebank, cacheDir);
    }

    private static Path cacheDirectory(Treebank treebank, DataHome home) {
        return home.cache().resolve(treebank.repository()).resolve(RELEASE);
    }

    private static boolean hasAllFiles(Treebank treebank, Path dir) {
        return Arrays.stream(Split.values()).allMatch(split -> Files.isRegularFile(dir.resolve(treebank.fileName(split))));
    }

    private static Map<Split, Path> files(Treebank treebank, Path dir) {
        Map<Split, Path> files = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            files.put(split, dir.resolve(treebank.fileName(split)));
        }
        return files;
    }

    /**
     * Checks a cached file against its pinned digest, else against the digest recorded when it was
     * downloaded; a file without either is trusted and its digest recorded now. Returns the digest.
     */
    private static String verify(Treebank treebank, Split split, Path file, Map<String, String> recorded) {
        String actual = Checksums.sha256(file);
        String expected = treebank.pinned().getOrDefault(split, recorded.get(file.getFileName().toString()));
        if (expected != null && !expected.equals(actual)) {
            throw new DataFormatException(file, "SHA-256 is " + actual + " but " + treebank.name() + " "
                    + RELEASE + " has " + expected + "; the file is damaged or from another release."
                    + " Delete it to download it again.");
        }
        return actual;
    }

    private static void download(Treebank treebank, Split split, Path target, DataHome home) throws IOException {
        URI uri = home.downloadBase().resolve(treebank.repository() + "/" + RELEASE + "/" + treebank.fileName(split));
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).GET().build();
            HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(temp));
            if (response.statusCode() != 200) {
                throw unavailable(treebank, home, "downloading " + uri + " answered HTTP " + response.statusCode(),
                        null);
            }
            String pinned = treebank.pinned().get(split);
            String actual = Checksums.sha256(temp);
            if (pinned != null && !pinned.equals(actual)) {
                throw new DataFormatException(target, "downloaded from " + uri + " with SHA-256 " + actual
                        + ", expected " + pinned + "; the download is damaged or the release changed."
                        + " Nothing was kept; try again, or place the files by hand.");
            }
            AtomicFiles.move(temp, target);
        } catch (IOException e) {
            throw unavailable(treebank, home, "downloading " + uri + " failed (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(treebank, home, "the download of " + uri + " was interrupted", e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static DataUnavailableException unavailable(Treebank treebank, DataHome home, String reason,
                                                        Throwable cause) {
        List<String> names = new ArrayList<>();
        for (Split split : Split.values()) {
            names.add(treebank.fileName(split));
        }
        String dataLayout = home.data() != null
                ? home.data().resolve(treebank.dataDirectoryName()) + "/"
                : "$" + DataHome.DATA_VARIABLE + "/" + treebank.dataDirectoryName() + "/ (set " + DataHome.DATA_VARIABLE
                        + " or -D" + DataHome.DATA_PROPERTY + " to a directory)";
        String message = "UD treebank " + treebank.name() + " (" + treebank.repository() + " " + RELEASE
                + ") is not on disk and could not be downloaded: " + reason + ".\n"
                + "It needs the files " + String.join(", ", names) + ". Put them in\n"
                + "  " + dataLayout + "\n"
                + "or in the download cache\n"
                + "  " + cacheDirectory(treebank, home) + "/\n"
                + "They are at https://github.com/UniversalDependencies/" + treebank.repository() + "/tree/" + RELEASE;
        return new DataUnavailableException(message, cause);
    }

    private static Map<String, String> readManifest(Path dir) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        Path manifest = dir.resolve(MANIFEST);
        if (Files.isRegularFile(manifest)) {
            long number = 0;
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                if (parts.length != 2) {
                    throw new DataFormatException(manifest, number, "expected '<sha256>  <file name>'");
                }
                digests.put(parts[1], parts[0]);
            }
        }
        return digests;
    }

    private static void writeManifest(Path dir, Map<String, String> digests) throws IOException {
        StringBuilder text = new StringBuilder();
        digests.forEach((file, digest) -> text.append(digest).append("  ").append(file).append('\n'));
        Path manifest = dir.resolve(MANIFEST);
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (!Files.isRegularFile(manifest) || !Arrays.equals(Files.readAllBytes(manifest), bytes)) {
            AtomicFiles.write(manifest, out -> out.write(bytes));
        }
    }

    private static Map<Split, String> pinned(String train, String dev, String test) {
        return Map.of(Split.TRAIN, train, Split.DEV, dev, Split.TEST, test);
    }

    private static Map<String, Treebank> treebanks(Treebank... treebanks) {
        Map<String, Treebank> byName = new LinkedHashMap<>();
        for (Treebank treebank : treebanks) {
            byName.put(treebank.name(), treebank);
        }
        return Collections.unmodifiableMap(byName);
    }
}
