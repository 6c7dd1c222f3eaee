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
import org.probelab.text.Sentence;
import org.probelab.text.SubwordTokenizer;
import org.probelab.text.Tokenized;

/**
 * Extracts one split into the files of a cache entry: tokenizes, cuts long sentences into windows,
 * encodes length-bucketed batches and streams each finished sentence's rows to the layer files at their
 * data-order offsets. Memory holds the token ids of the split and one batch of hidden states.
 */
final class SplitExtraction {
    private final Encoder encoder;
    private final SubwordTokenizer tokenizer;
    private final Task task;
    private final ExtractionOptions options;
    private final int[] layers;
    private final Progress progress;

    SplitExtraction(Encoder encoder, SubwordTokenizer tokenizer, Task task, ExtractionOptions options, int[] layers,
                    Progress progress) {
        this.encoder = encoder;
        this.tokenizer = tokenizer;
        this.task = task;
        this.options = options;
        this.layers = layers;
        this.progress = progress;
    }

    ExtractionStats run(String splitName, List<Sentence> sentences, Path directory) throws IOException {
        String progressTask = "extract " + splitName;
        int capacity = encoder.maxSequenceLength() - 2;
        int stride = options.resolveStride(capacity);
        List<String> labels = new ArrayList<>();
        Map<Integer, PendingSentence> pending = new HashMap<>();
        List<Segment> segments = new ArrayList<>();
        long unlabelled = 0;
        long roots = 0;
        for (int s = 0; s < sentences.size(); s++) {
            Sentence sentence = sentences.get(s);
            Task.SentenceTargets targets = task.targets(sentence);
            unlabelled += targets.unlabelledSkipped();
            roots += targets.rootEdgesSkipped();
            if (targets.targets().isEmpty()) {
                continue;
            }
            if (sentence.length() == 0) {
                throw new IllegalArgumentException("sentence " + sentence.id() + " (" + sentence.source()
                        + ") has a label but no words; remove it from the data");
            }
            Tokenized tokens = tokenize(sentence);
            WindowPlan plan = WindowPlan.of(tokens, capacity, stride, sentence.id() + " (" + sentence.source() + ")");
            boolean windowed = plan.windows().size() > 1;
            for (int w = 0; w < plan.windows().size(); w++) {
                WindowPlan.Window window = plan.windows().get(w);
                segments.add(new Segment(s, w, window.start(), window.end(), windowed ? capacity : window.length()));
            }
            pending.put(s, new PendingSentence(sentence, tokens, plan, targets.targets(), labels.size(), task.arity(),
                    layers.length, encoder.hiddenSize(), options));
            targets.targets().forEach(target -> labels.add(target.label()));
        }
        CacheJson.writeJson(directory.resolve(CacheLayout.labelsFile(splitName)), labels);

        int dim = Math.max(1, task.arity()) * encoder.hiddenSize();
        long done = sentences.size() - pending.size();
        progress.update(progressTask, done, sentences.size());
        try (LayerWriters writers = new LayerWriters(directory, splitName, layers, dim, options.precision())) {
            for (List<Segment> batch : Batches.plan(segments, options.tokenBudget())) {
                HiddenStates states = encode(batch, pending);
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
        return new ExtractionStats(labels.size(), unlabelled, roots);
    }

    private Tokenized tokenize(Sentence sentence) {
        Tokenized tokens = tokenizer.tokenize(sentence.forms());
        if (tokens.words() != sentence.length()) {
            throw new IllegalStateException("the tokenizer returned " + tokens.words() + " words for sentence "
                    + sentence.id() + " (" + sentence.source() + ") of " + sentence.length() + " words");
        }
        return tokens;
    }

    private HiddenStates encode(List<Segment> batch, Map<Integer, PendingSentence> pending) {
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
        requireShape(states, batch.size(), paddedLength);
        return states;
    }

    private void requireShape(HiddenStates states, int rows, int paddedLength) {
        if (states.batch() != rows || states.seqLen() != paddedLength || states.hidden() != encoder.hiddenSize()
                || !Arrays.equals(states.layers(), layers) || states.values().length != layers.length) {
            throw new IllegalStateException("the encoder returned hidden states of shape [" + states.batch() + ", "
                    + states.seqLen() + ", " + states.hidden() + "] for layers " + Arrays.toString(states.layers())
                    + "; expected [" + rows + ", " + paddedLength + ", " + encoder.hiddenSize() + "] for layers "
                    + Arrays.toString(layers));
        }
    }
}
