package org.probelab.represent;

import java.io.IOException;
import org.probelab.model.HiddenStates;
import org.probelab.data.Sentence;
import org.probelab.text.Tokenized;

/**
 * Pools the hidden states of one sentence as its windows come back from the encoder, and writes the
 * sentence's stored vectors once the last window is in: one per word, or one for the sentence (a
 * running sum, so a long sentence holds no per-word vectors).
 */
final class PendingSentence {
    private final Sentence sentence;
    private final Tokenized tokens;
    private final WindowPlan plan;
    private final long firstRow;
    private final Unit unit;
    private final int hidden;
    private final ExtractionOptions options;
    private final int layerCount;
    private float[][] pooled;
    private int pooledCount;
    private int windowsLeft;

    PendingSentence(Sentence sentence, Tokenized tokens, WindowPlan plan, long firstRow, Unit unit, int layerCount,
                    int hidden, ExtractionOptions options) {
        this.sentence = sentence;
        this.tokens = tokens;
        this.plan = plan;
        this.firstRow = firstRow;
        this.unit = unit;
        this.hidden = hidden;
        this.options = options;
        this.layerCount = layerCount;
        this.windowsLeft = plan.windows().size();
    }

    /** Takes window {@code window} of this sentence from row {@code row} of a batch. */
    void add(int window, HiddenStates states, int row) {
        allocateOnFirstWindow();
        WindowPlan.Window span = plan.windows().get(window);
        boolean cls = unit == Unit.SENTENCE && options.sentencePooling() == SentencePooling.CLS;
        for (int layer = 0; layer < states.layers().length; layer++) {
            float[] values = states.values()[layer];
            if (cls) {
                accumulate(pooled[layer], 0, values, states.offset(row, 0), 1);
                continue;
            }
            for (int w = span.firstWord(); w < span.endWord(); w++) {
                if (plan.wordWindow()[w] != window) {
                    continue;
                }
                int position = 1 + tokens.wordStart()[w] - span.start();
                int pieces = tokens.wordEnd()[w] - tokens.wordStart()[w];
                if (unit == Unit.SENTENCE) {
                    accumulate(pooled[layer], 0, values, states.offset(row, position), pieces);
                } else {
                    int count = options.wordPooling() == WordPooling.FIRST ? 1 : pieces;
                    accumulate(pooled[layer], w * hidden, values, states.offset(row, position), count);
                    divide(pooled[layer], w * hidden, count);
                }
            }
        }
        pooledCount += cls ? 1 : piecesIn(span, window);
        windowsLeft--;
    }

    /** The sentence's WordPiece ids, without [CLS] and [SEP]. */
    int[] tokenIds() {
        return tokens.ids();
    }

    /** Vectors are allocated only once encoding reaches this sentence, so waiting sentences cost no floats. */
    private void allocateOnFirstWindow() {
        if (pooled == null) {
            pooled = new float[layerCount][unit == Unit.WORD ? tokens.words() * hidden : hidden];
        }
    }

    boolean complete() {
        return windowsLeft == 0;
    }

    /** Writes this sentence's vectors as rows {@code firstRow, firstRow + 1, ...} of each layer file. */
    void writeRows(LayerWriters writers, int[] layers) throws IOException {
        int rows = unit.rowsOf(sentence.length());
        for (int layer = 0; layer < layers.length; layer++) {
            if (unit == Unit.SENTENCE) {
                for (int h = 0; h < hidden; h++) {
                    pooled[layer][h] /= pooledCount;
                }
            }
            requireFinite(pooled[layer], layers[layer]);
            writers.write(layer, firstRow, rows, pooled[layer], 0);
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
