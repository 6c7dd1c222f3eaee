package org.probelab.represent;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.probelab.Progress;
import org.probelab.model.Encoder;
import org.probelab.model.HiddenStates;
import org.probelab.data.Sentence;
import org.probelab.text.SubwordTokenizer;
import org.probelab.text.Tokenized;

/**
 * Extracts one split into layer files of a cache entry: tokenizes, cuts long sentences into windows,
 * encodes length-bucketed batches and streams each finished sentence's vectors to the layer files at
 * their data-order offsets. Pooling and writing a batch run on a writer thread while the next batch is
 * encoded (the encoder leaves a core idle while its results are copied out, and writes wait on the disk).
 * Memory holds the token ids of the split and two batches of hidden states.
 */
final class SplitExtraction {
    private final Encoder encoder;
    private final SubwordTokenizer tokenizer;
    private final Unit unit;
    private final ExtractionOptions options;
    private final Progress progress;

    SplitExtraction(Encoder encoder, SubwordTokenizer tokenizer, Unit unit, ExtractionOptions options,
                    Progress progress) {
        this.encoder = encoder;
        this.tokenizer = tokenizer;
        this.unit = unit;
        this.options = options;
        this.progress = progress;
    }

    /** Writes the layer files of {@code layers} for the split's {@code sentences} into {@code directory}. */
    void run(String splitName, List<Sentence> sentences, int[] layers, Path directory) throws IOException {
        String progressTask = "extract " + splitName;
        int capacity = encoder.maxSequenceLength() - 2;
        int stride = options.resolveStride(capacity);
        // read by this thread (token ids of the next batch), emptied by the writer
        Map<Integer, PendingSentence> pending = new ConcurrentHashMap<>();
        List<Segment> segments = new ArrayList<>();
        long rows = 0;
        for (int s = 0; s < sentences.size(); s++) {
            Sentence sentence = sentences.get(s);
            if (sentence.length() == 0) {
                continue;
            }
            Tokenized tokens = tokenize(sentence);
            WindowPlan plan = WindowPlan.of(tokens, capacity, stride, sentence.id() + " (" + sentence.source() + ")");
            boolean windowed = plan.windows().size() > 1;
            for (int w = 0; w < plan.windows().size(); w++) {
                WindowPlan.Window window = plan.windows().get(w);
                segments.add(new Segment(s, w, window.start(), window.end(), windowed ? capacity : window.length()));
            }
            pending.put(s, new PendingSentence(sentence, tokens, plan, rows, unit, layers.length, encoder.hiddenSize(),
                    options));
            rows += unit.rowsOf(sentence.length());
        }

        long done = sentences.size() - pending.size();
        progress.update(progressTask, done, sentences.size());
        ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "probelab-cache-writer");
            thread.setDaemon(true);
            return thread;
        });
        try (LayerWriters writers = new LayerWriters(directory, splitName, layers, encoder.hiddenSize(),
                options.precision())) {
            try {
                // Batch k is pooled and written while batch k + 1 is encoded; at most one batch waits.
                Future<Integer> written = null;
                for (List<Segment> batch : Batches.plan(segments, options.tokenBudget())) {
                    HiddenStates states = encode(batch, pending, layers);
                    done += sentencesWritten(written);
                    progress.update(progressTask, done, sentences.size());
                    written = writer.submit(() -> poolAndWrite(batch, states, pending, writers, layers));
                }
                done += sentencesWritten(written);
                progress.update(progressTask, done, sentences.size());
            } finally {
                stop(writer);
            }
            writers.commit();
        }
    }

    /** Adds a batch's rows to their sentences and writes those now complete; returns how many were. */
    private static int poolAndWrite(List<Segment> batch, HiddenStates states, Map<Integer, PendingSentence> pending,
                                    LayerWriters writers, int[] layers) throws IOException {
        int completed = 0;
        for (int row = 0; row < batch.size(); row++) {
            Segment segment = batch.get(row);
            PendingSentence sentence = pending.get(segment.sentence());
            sentence.add(segment.window(), states, row);
            if (sentence.complete()) {
                sentence.writeRows(writers, layers);
                pending.remove(segment.sentence());
                completed++;
            }
        }
        return completed;
    }

    /** Waits for a batch handed to the writer; its failure is thrown here, as if it had happened in this thread. */
    private static int sentencesWritten(Future<Integer> written) throws IOException {
        if (written == null) {
            return 0;
        }
        try {
            return written.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the vectors were being written");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) cause;
        }
    }

    /**
     * Lets the writer finish the batch it holds (after a failure here: its files are deleted next) and waits
     * for it, so that nothing writes to the layer files once they are closed.
     */
    private static void stop(ExecutorService writer) throws InterruptedIOException {
        writer.shutdown();
        try {
            writer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the cache writer");
        }
    }

    /** Stored vectors of a split: {@link Unit#rowsOf} per sentence. */
    static long rows(Unit unit, List<Sentence> sentences) {
        long rows = 0;
        for (Sentence sentence : sentences) {
            rows += unit.rowsOf(sentence.length());
        }
        return rows;
    }

    private Tokenized tokenize(Sentence sentence) {
        Tokenized tokens = tokenizer.tokenize(sentence.forms());
        if (tokens.words() != sentence.length()) {
            throw new IllegalStateException("the tokenizer returned " + tokens.words() + " words for sentence "
                    + sentence.id() + " (" + sentence.source() + ") of " + sentence.length() + " words");
        }
        return tokens;
    }

    private HiddenStates encode(List<Segment> batch, Map<Integer, PendingSentence> pending, int[] layers) {
        int longest = batch.stream().mapToInt(Segment::length).max().orElseThrow();
        int paddedLength = longest + 2;
        int[][] ids = new int[batch.size()][paddedLength];
        int[] lengths = new int[batch.size()];
        for (int row = 0; row < batch.size(); row++) {
            Segment segment = batch.get(row);
            int[] sentenceIds = pending.get(segment.sentence()).tokenIds();
            ids[row][0] = tokenizer.clsId();
            System.arraycopy(sentenceIds, segment.start(), ids[row], 1, segment.length());
            ids[row][segment.length() + 1] = tokenizer.sepId();
            for (int t = segment.length() + 2; t < paddedLength; t++) {
                ids[row][t] = tokenizer.padId();
            }
            lengths[row] = segment.length() + 2;
        }
        HiddenStates states = encoder.encode(ids, lengths, layers.clone());
        requireShape(states, batch.size(), paddedLength, layers);
        return states;
    }

    private void requireShape(HiddenStates states, int rows, int paddedLength, int[] layers) {
        if (states.batch() != rows || states.seqLen() != paddedLength || states.hidden() != encoder.hiddenSize()
                || !Arrays.equals(states.layers(), layers) || states.values().length != layers.length) {
            throw new IllegalStateException("the encoder returned hidden states of shape [" + states.batch() + ", "
                    + states.seqLen() + ", " + states.hidden() + "] for layers " + Arrays.toString(states.layers())
                    + "; expected [" + rows + ", " + paddedLength + ", " + encoder.hiddenSize() + "] for layers "
                    + Arrays.toString(layers));
        }
    }
}
