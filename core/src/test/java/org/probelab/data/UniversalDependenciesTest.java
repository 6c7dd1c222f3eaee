package org.probelab.data;

import org.probelab.data.Checksums;
import org.probelab.data.ConllU;
import org.probelab.data.DataFormatException;
import org.probelab.data.DataHome;
import org.probelab.data.DataUnavailableException;
import org.probelab.data.Dataset;
import org.probelab.data.UniversalDependencies;
import org.probelab.data.demo.DemoTreebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UniversalDependenciesTest {
    private static final List<String> EWT_FILES = List.of("en_ewt-ud-train.conllu", "en_ewt-ud-dev.conllu",
            "en_ewt-ud-test.conllu");

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A small treebank written as the three split files of {@code treebank} into {@code target}. */
    private static Dataset writeSplits(String treebank, Path target) {
        Dataset demo = DemoTreebank.generate(20, 5);
        ConllU.write(demo.train(), target.resolve(treebank + "-ud-train.conllu"));
        ConllU.write(demo.dev(), target.resolve(treebank + "-ud-dev.conllu"));
        ConllU.write(demo.test(), target.resolve(treebank + "-ud-test.conllu"));
        return demo;
    }

    /** A download base on a local port where nothing listens, so a download fails at once. */
    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
    }

    /** Serves {@code files} (repository/release/name paths under {@code root}); 404 for anything else. */
    private URI serve(Path root) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1));
            if (Files.isRegularFile(file)) {
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static List<String> conlluFilesIn(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.contains(".conllu")).sorted().toList();
        }
    }

    @Test
    void loadsTreebankFromDataHomeInSharedLayoutWithoutTouchingTheNetwork() throws IOException {
        Path data = dir.resolve("data");
        Dataset written = writeSplits("en_ewt", data.resolve("ud-english-ewt"));
        Dataset loaded = UniversalDependencies.load("en_ewt", new DataHome(data, dir.resolve("cache"), closedPort()));
        assertEquals("ud:en_ewt", loaded.name());
        assertEquals(written.train().size(), loaded.train().size());
        assertEquals(written.test().get(0).words(), loaded.test().get(0).words());
        assertEquals(written.checksum(), loaded.checksum(), "content checksum does not depend on where data is");
        assertFalse(Files.exists(dir.resolve("cache")));
    }

    @Test
    void loadsTreebankFromDataHomeInOfficialRepositoryLayout() throws IOException {
        Path data = dir.resolve("data");
        Dataset written = writeSplits("de_gsd", data.resolve("UD_German-GSD"));
        Dataset loaded = UniversalDependencies.load("de_gsd", new DataHome(data, dir.resolve("cache"), closedPort()));
        assertEquals("ud:de_gsd", loaded.name());
        assertEquals(written.dev().size(), loaded.dev().size());
    }

    @Test
    void offlineWithoutFilesSaysWhichFilesAreNeededAndWhereToPutThem() throws IOException {
        Path data = dir.resolve("data");
        Path cache = dir.resolve("cache");
        DataHome home = new DataHome(data, cache, closedPort());
        DataUnavailableException error = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(DataUnavailableException.class, () -> UniversalDependencies.load("en_ewt", home)));
        String message = error.getMessage();
        for (String file : EWT_FILES) {
            assertTrue(message.contains(file), message);
        }
        assertTrue(message.contains(data.resolve("ud-english-ewt").toString()), message);
        assertTrue(message.contains(cache.resolve("UD_English-EWT").resolve(UniversalDependencies.RELEASE).toString()),
                message);
        assertTrue(message.contains("ConnectException"), message);
        assertEquals(List.of(), conlluFilesIn(cache.resolve("UD_English-EWT").resolve(UniversalDependencies.RELEASE)));
    }

    @Test
    void withoutDataHomeTheMessageNamesTheVariableToSet() throws IOException {
        DataHome home = new DataHome(null, dir.resolve("cache"), closedPort());
        String message = assertThrows(DataUnavailableException.class,
                () -> UniversalDependencies.load("fr_gsd", home)).getMessage();
        assertTrue(message.contains("$PROBELAB_DATA/ud-french-gsd/"), message);
        assertTrue(message.contains("fr_gsd-ud-train.conllu"), message);
    }

    @Test
    void cachedEwtFileThatDiffersFromThePinnedReleaseIsRejected() throws IOException {
        Path cache = dir.resolve("cache");
        writeSplits("en_ewt", cache.resolve("UD_English-EWT").resolve(UniversalDependencies.RELEASE));
        DataHome home = new DataHome(null, cache, closedPort());
        String message = assertThrows(DataFormatException.class,
                () -> UniversalDependencies.load("en_ewt", home)).getMessage();
        assertTrue(message.contains("en_ewt-ud-train.conllu: SHA-256 is "), message);
        assertTrue(message.contains("3fb78e2b55482c8ee00caa653af436c88c9e5bc9a73ce26e4ae3ddc79d2b7e7b"), message);
        assertTrue(message.contains("Delete it"), message);
    }

    @Test
    void downloadOfEwtWithWrongContentIsRejectedAndNothingIsKept() throws IOException {
        Path mirror = dir.resolve("mirror");
        writeSplits("en_ewt", mirror.resolve("UD_English-EWT").resolve(UniversalDependencies.RELEASE));
        Path cache = dir.resolve("cache");
        DataHome home = new DataHome(null, cache, serve(mirror));
        String message = assertThrows(DataFormatException.class,
                () -> UniversalDependencies.load("en_ewt", home)).getMessage();
        assertTrue(message.contains("expected 3fb78e2b"), message);
        assertEquals(List.of(), conlluFilesIn(cache.resolve("UD_English-EWT").resolve(UniversalDependencies.RELEASE)));
    }

    @Test
    void unpinnedTreebankIsDownloadedOnceRecordedAndVerifiedOnReuse() throws IOException {
        Path mirror = dir.resolve("mirror");
        Dataset served = writeSplits("en_gum", mirror.resolve("UD_English-GUM").resolve(UniversalDependencies.RELEASE));
        Path cache = dir.resolve("cache");
        DataHome home = new DataHome(null, cache, serve(mirror));

        Dataset first = UniversalDependencies.load("en_gum", home);
        Dataset second = UniversalDependencies.load("en_gum", home);
        assertEquals(served.checksum(), first.checksum());
        assertEquals(first, second);
        assertEquals(3, requests.get(), "the second load reads the cache");

        Path cached = cache.resolve("UD_English-GUM").resolve(UniversalDependencies.RELEASE);
        String manifest = Files.readString(cached.resolve("SHA256SUMS"));
        assertTrue(manifest.contains(Checksums.sha256(cached.resolve("en_gum-ud-dev.conllu")) + "  en_gum-ud-dev.conllu"),
                manifest);

        Files.writeString(cached.resolve("en_gum-ud-dev.conllu"), "\n", java.nio.file.StandardOpenOption.APPEND);
        String message = assertThrows(DataFormatException.class,
                () -> UniversalDependencies.load("en_gum", home)).getMessage();
        assertTrue(message.contains("en_gum-ud-dev.conllu: SHA-256 is "), message);
    }

    @Test
    void missingFileOnTheServerIsReportedWithItsHttpStatus() throws IOException {
        Path mirror = dir.resolve("mirror");
        Files.createDirectories(mirror);
        DataHome home = new DataHome(null, dir.resolve("cache"), serve(mirror));
        String message = assertThrows(DataUnavailableException.class,
                () -> UniversalDependencies.load("zh_gsd", home)).getMessage();
        assertTrue(message.contains("zh_gsd-ud-train.conllu answered HTTP 404"), message);
    }

    @Test
    void unknownTreebankNameListsTheKnownOnes() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> UniversalDependencies.load("xx_none", new DataHome(null, dir, URI.create("http://127.0.0.1:9/"))))
                .getMessage();
        assertTrue(message.contains("xx_none") && message.contains("en_ewt") && message.contains("de_gsd"), message);
    }
}
