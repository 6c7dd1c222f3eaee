package org.probelab.data.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.probelab.data.DataFormatException;
import org.probelab.data.DataSources;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.io.CacheRoot;

/**
 * Opens text for masked-LM stages from a short source string, the form the CLI and specs use:
 * <ul>
 *   <li>{@code text:PATH} — a UTF-8 text file ({@link PlainText}: one document per line, or documents
 *       separated by blank lines), or a folder: every {@code *.txt} file under it, in path order</li>
 *   <li>any data source {@link DataSources} opens ({@code demo}, {@code ud:en_ewt}, {@code conllu:PATH},
 *       {@code tsv:PATH}) — the words of its train split, so that dev and test stay unseen</li>
 *   <li>either data source followed by {@code ;genre=G} — only the sentences whose id starts with {@code G-};
 *       UD EWT's ids start with its genre: {@code answers}, {@code email}, {@code newsgroup}, {@code reviews},
 *       {@code weblog}</li>
 * </ul>
 * Sentences of a data set form documents as the ids say: consecutive ids {@code DOC-0001}, {@code DOC-0002}, …
 * (UD's convention) are one document; any other id is a document of its own.
 */
public final class Corpora {
    private static final String TEXT = "text:";
    private static final String GENRE = ";genre=";
    private static final Pattern NUMBERED_ID = Pattern.compile("(.+)-\\d+");

    private Corpora() {
    }

    /** Opens {@code source}, downloading a UD treebank into the cache root this process is configured for. */
    public static Corpus open(String source) {
        return open(source, CacheRoot.fromEnvironment());
    }

    public static Corpus open(String source, CacheRoot cache) {
        if (source.startsWith(TEXT)) {
            return text(Path.of(source.substring(TEXT.length())), source);
        }
        int genreAt = source.indexOf(GENRE);
        if (genreAt < 0) {
            return trainText(DataSources.open(source, cache), source);
        }
        String genre = source.substring(genreAt + GENRE.length());
        if (genre.isBlank()) {
            throw new IllegalArgumentException("corpus source '" + source + "' names no genre after ;genre=");
        }
        return genre(DataSources.open(source.substring(0, genreAt), cache), genre, source);
    }

    /** A text file or a folder of {@code *.txt} files. */
    public static Corpus text(Path fileOrFolder, String name) {
        if (!Files.exists(fileOrFolder)) {
            throw new DataFormatException(fileOrFolder, "no such file or folder");
        }
        if (!Files.isDirectory(fileOrFolder)) {
            return nonEmpty(name, PlainText.read(fileOrFolder), fileOrFolder + " holds no text");
        }
        List<Document> documents = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fileOrFolder)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + fileOrFolder + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new EmptyCorpusException(fileOrFolder + " holds no .txt file");
        }
        files.forEach(file -> documents.addAll(PlainText.read(file)));
        return nonEmpty(name, documents, "the " + files.size() + " .txt files under " + fileOrFolder + " hold no text");
    }

    /** The words of the train split of {@code data}. */
    public static Corpus trainText(Dataset data, String name) {
        return nonEmpty(name, documents(data.train()), data.name() + " has no training sentences");
    }

    /**
     * The train sentences of {@code data} of one genre ({@link Sentence#genre}: the letters their id starts with,
     * before its first {@code -}).
     *
     * @throws EmptyCorpusException naming the genres there are when none has this one
     */
    public static Corpus genre(Dataset data, String genre, String name) {
        List<Sentence> chosen = data.train().stream().filter(s -> genre.equals(s.genre())).toList();
        if (chosen.isEmpty()) {
            throw new EmptyCorpusException(data.name() + " has no training sentence of genre '" + genre
                    + "' (the letters a sentence id starts with, before its first '-'); its genres: " + genres(data));
        }
        return Corpus.of(name, documents(chosen));
    }

    /** The genres of the train split with their sentence counts, in name order; ids without one are not counted. */
    public static Map<String, Integer> genres(Dataset data) {
        Map<String, Integer> counts = new TreeMap<>();
        data.train().stream().map(Sentence::genre).filter(Objects::nonNull).forEach(g -> counts.merge(g, 1, Integer::sum));
        return counts;
    }

    private static List<Document> documents(List<Sentence> sentences) {
        List<Document> documents = new ArrayList<>();
        String currentDoc = null;
        List<List<String>> current = new ArrayList<>();
        String source = null;
        for (Sentence sentence : sentences) {
            Matcher numbered = NUMBERED_ID.matcher(sentence.id());
            String doc = numbered.matches() ? numbered.group(1) : null;
            if (doc == null || !doc.equals(currentDoc)) {
                if (!current.isEmpty()) {
                    documents.add(new Document(source, current));
                }
                current = new ArrayList<>();
                source = sentence.source();
            }
            currentDoc = doc;
            current.add(sentence.forms());
        }
        if (!current.isEmpty()) {
            documents.add(new Document(source, current));
        }
        return documents;
    }

    private static Corpus nonEmpty(String name, List<Document> documents, String whyEmpty) {
        if (documents.stream().allMatch(d -> d.words() == 0)) {
            throw new EmptyCorpusException(whyEmpty);
        }
        return Corpus.of(name, documents);
    }
}
