package org.probelab.data.corpus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.probelab.data.Checksums;

/**
 * Text for masked-LM training: documents of sentences of words, with a SHA-256 of the text so that
 * stages and results know which text they saw.
 *
 * @param name     how the corpus was opened, e.g. {@code text:reviews/} or {@code ud:en_ewt;genre=reviews}
 * @param checksum hex SHA-256 over the words, sentence and document boundaries (not the sources)
 */
public record Corpus(String name, List<Document> documents, String checksum) {
    /** Share of the documents held out for the masked-LM loss, when none is given. */
    public static final double HELD_OUT_FRACTION = 0.1;

    public Corpus {
        documents = List.copyOf(documents);
    }

    /**
     * A corpus of {@code documents}.
     *
     * @throws EmptyCorpusException when there is not a single word
     */
    public static Corpus of(String name, List<Document> documents) {
        if (documents.stream().allMatch(d -> d.words() == 0)) {
            throw new EmptyCorpusException("corpus " + name + " holds no text");
        }
        return new Corpus(name, documents, checksum(documents));
    }

    private static String checksum(List<Document> documents) {
        StringBuilder text = new StringBuilder();
        for (Document document : documents) {
            for (List<String> sentence : document.sentences()) {
                text.append(String.join(" ", sentence)).append('\n');
            }
            text.append('\u001D');
        }
        return Checksums.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The training documents and the held-out ones. */
    public record Split(Corpus train, Corpus heldOut) {
    }

    /**
     * Splits by position: document i (from 0) is held out when floor((i + 1) * fraction) > floor(i * fraction),
     * so the held-out slice is spread evenly through the corpus and the same every time; a corpus too small for
     * that holds out its last document. A corpus of one document has its last sentences held out instead (that
     * share of them, at least one) when it has two or more.
     *
     * @throws IllegalArgumentException unless 0 < fraction < 1
     * @throws EmptyCorpusException     when either part would be empty
     */
    public Split split(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the held-out share of corpus " + name + " must be between 0 and 1, not "
                    + fraction);
        }
        List<Document> train = new ArrayList<>();
        List<Document> heldOut = new ArrayList<>();
        if (documents.size() == 1) {
            Document only = documents.get(0);
            int n = only.sentences().size();
            int held = Math.max(1, (int) Math.floor(n * fraction));
            if (n >= 2) {
                train.add(new Document(only.source(), only.sentences().subList(0, n - held)));
                heldOut.add(new Document(only.source() + " (last " + held + " sentences)",
                        only.sentences().subList(n - held, n)));
            }
        } else {
            for (int i = 0; i < documents.size(); i++) {
                (Math.floor((i + 1) * fraction) > Math.floor(i * fraction) ? heldOut : train).add(documents.get(i));
            }
            if (heldOut.isEmpty()) {
                heldOut.add(train.remove(train.size() - 1));
            }
        }
        if (train.isEmpty() || heldOut.isEmpty()) {
            throw new EmptyCorpusException("corpus " + name + " is too small to hold out " + fraction
                    + " of it for the masked-LM loss: " + documents.size() + " document(s)");
        }
        return new Split(of(name + " (train)", train), of(name + " (held out " + fraction + ")", heldOut));
    }

    public long words() {
        return documents.stream().mapToLong(Document::words).sum();
    }
}
