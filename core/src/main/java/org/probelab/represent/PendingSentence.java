package org.probelab.represent;

import java.io.IOException;
import java.util.List;
import org.probelab.model.HiddenStates;
import org.probelab.text.Sentence;
import org.probelab.text.Tokenized;

/**
 * Pools the hidden states of one sentence as its windows come back from the encoder, and writes the
 * sentence's rows once the last window is in. Holds only what its task needs: word vectors for word and
 * edge tasks, a running sum for the sentence task.
 */
final class PendingSentence {
    private final Sentence sentence;
    private final Tokenized tokens;
    private final WindowPlan plan;
    private final List<Task.Target> targets;
    private final long firstRow;
    private final int arity;
    private final int hidden;
    private final ExtractionOptions options;
    private final int layerCount;
    private float[][] words;
    private float[][] sentenceSum;
    private int pooledCount;
    private int windowsLeft;

    PendingSentence(Sentence sentence, Tokenized tokens, WindowPlan plan, List<Task.Target> targets, long firstRow,
                    int arity, int layerCount, int hidden, ExtractionOptions options) {
        this.sentence = sentence;
        this.tokens = tokens;
        this.plan = plan;
        this.targets = targets;
        this.firstRow = firstRow;
        this.arity = arity;
        this.hidden = hidden;
        this.options = options;
        this.layerCount = layerCount;
        this.windowsLeft = plan.windows().size();
    }

    /** Takes window {@code window} of this sentence from row {@code row} of a batch. */
    void add(int window, HiddenStates states, int row) {
        allocateOnFirstWindow();
        WindowPlan.Window span = plan.windows().get(window);
        for (int layer = 0; layer < states.layers().length; layer++) {
            float[] values = states.values()[layer];
            if (arity == 0 && options.sentencePooling() == SentencePooling.CLS) {
                accumulate(sentenceSum[layer], 0, values, states.offset(row, 0), 1);
                continue;
            }
            for (int w = span.firstWord(); w < span.endWord(); w++) {
                if (plan.wordWindow()[w] != window) {
                    continue;
                }
                int position = 1 + tokens.wordStart()[w] - span.start();
                int pieces = tokens.wordEnd()[w] - tokens.wordStart()[w];
                if (arity == 0) {
                    accumulate(sentenceSum[layer], 0, values, states.offset(row, position), pieces);
                } else {
                    int pooled = options.wordPooling() == WordPooling.FIRST ? 1 : pieces;
                    accumulate(words[layer], w * hidden, values, states.offset(row, position), pooled);
                    divide(words[layer], w * hidden, pooled);
                }
            }
        }
        pooledCount += arity == 0 && options.sentencePooling() == SentencePooling.CLS ? 1 : piecesIn(span, window);
        windowsLeft--;
    }

    /** The sentence's WordPiece ids, without [CLS] and [SEP]. */
    int[] tokenIds() {
        return tokens.ids();
    }

    /** Vectors are allocated only once encoding reaches this sentence, so waiting sentences cost no floats. */
    private void allocateOnFirstWindow() {
        if (arity > 0 && words == null) {
            words = new float[layerCount][tokens.words() * hidden];
        } else if (arity == 0 && sentenceSum == null) {
            sentenceSum = new float[layerCount][hidden];
        }
    }

    boolean complete() {
        return windowsLeft == 0;
    }

    /** Writes this sentence's rows, data-order row {@code firstRow + t} for target {@code t}. */
    void writeRows(LayerWriters writers, int[] layers) throws IOException {
        int dim = Math.max(1, arity) * hidden;
        float[] row = new float[dim];
        for (int layer = 0; layer < layers.length; layer++) {
            for (int t = 0; t < targets.size(); t++) {
                fillRow(targets.get(t), layer, row);
                requireFinite(row, layers[layer]);
                writers.write(layer, firstRow + t, row, 0);
            }
        }
    }

    private void fillRow(Task.Target target, int layer, float[] row) {
        if (arity == 0) {
            for (int h = 0; h < hidden; h++) {
                row[h] = sentenceSum[layer][h] / pooledCount;
            }
            return;
        }
        for (int part = 0; part < target.words().length; part++) {
            System.arraycopy(words[layer], target.words()[part] * hidden, row, part * hidden, hidden);
        }
    }

    private int piecesIn(WindowPlan.Window span, int window) {
        int pieces = 0;
        for (int w = span.firstWord(); w < span.endWord(); w++) {
            if (plan.wordWindow()[w] == window) {
                pieces += tokens.wordEnd()[w] - tokens.wordStart()[w];
            }
        }
        return pieces;
    }

    /** Adds {@code count} consecutive position vectors starting at {@code from} into {@code sum[at..]}. */
    private void accumulate(float[] sum, int at, float[] values, int from, int count) {
        for (int piece = 0; piece < count; piece++) {
            int base = from + piece * hidden;
            for (int h = 0; h < hidden; h++) {
                sum[at + h] += values[base + h];
            }
        }
    }

    private void divide(float[] vector, int at, int count) {
        for (int h = 0; h < hidden; h++) {
            vector[at + h] /= count;
        }
    }

    private void requireFinite(float[] row, int layer) {
        for (float value : row) {
            if (!Float.isFinite(value)) {
                throw new IllegalStateException("the encoder produced a non-finite value (" + value + ") at layer " + layer
                        + " for sentence " + sentence.id() + " (" + sentence.source() + "); check the model weights");
            }
        }
    }
}
