package org.probelab.represent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.probelab.Progress;
import org.probelab.model.Encoder;
import org.probelab.model.HiddenStates;
import org.probelab.data.Sentence;
import org.probelab.text.SubwordTokenizer;
import org.probelab.text.Tokenized;

/**
 * Extracts one split into layer files of a cache entry: tokenizes, cuts long sentences into windows,
 * encodes length-bucketed batches and streams each finished sentence's vectors to the layer files at
 * their data-order offsets. Memory holds the token ids of the split and one batch of hidden states.
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
        Map<Integer, PendingSentence> pending = new HashMap<>();
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
        try (LayerWriters writers = new LayerWriters(directory, splitName, layers, encoder.hiddenSize(),
                options.precision())) {
            for (List<Segment> batch : Batches.plan(segments, options.tokenBudget())) {
                HiddenStates states = encode(batch, pending, layers);
                for (int row = 0; row < batch.size(); row++) {
                    Segment segment = batch.get(row);
                    PendingSentence sentence = pending.get(segment.sentence());
                    sentence.add(segment.window(), states, row);
                    if (sentence.complete()) {
                        sentence.writeRows(writers, layers);
                        pending.remove(segment.sentence());
                        done++;
                    }
                }
                progress.update(progressTask, done, sentences.size());
            }
            writers.commit();
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
