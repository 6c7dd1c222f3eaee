package org.probelab.train.selective;

import java.util.ArrayList;
import java.util.List;
import org.probelab.text.BertTokenizer;
import org.probelab.text.Tokenized;
import org.probelab.train.TaskModel;
import org.probelab.train.TrainingExample;

/**
 * A fine-tuned sentence classifier (the snapshot of a fine-tuning stage on a sentence task) as a
 * {@link SentenceClassifier}. Word sequences longer than the maximum length are cut, as BERT's input is.
 */
public final class FineTunedClassifier implements SentenceClassifier {
    private final TaskModel model;
    private final BertTokenizer tokenizer;
    private final int maxLength;
    private final int microBatchTokens;

    public FineTunedClassifier(TaskModel model, int maxLength, int microBatchTokens) {
        if (model.head().kind().sentenceFeature() == null) {
            throw new IllegalArgumentException("selective masking scores words with a sentence classifier, but "
                    + model.describe() + " was fine-tuned on the word or edge task " + model.head().task());
        }
        this.model = model;
        this.tokenizer = BertTokenizer.fromVocabFile(model.model().vocab(), model.model().lowerCase());
        this.maxLength = Math.min(maxLength, model.model().config().maxPositionEmbeddings());
        this.microBatchTokens = microBatchTokens;
    }

    @Override
    public List<String> labels() {
        return model.head().labels();
    }

    @Override
    public double[][] probabilities(List<List<String>> sentences) {
        List<TrainingExample> examples = new ArrayList<>();
        for (List<String> words : sentences) {
            Tokenized tokens = tokenizer.tokenize(words);
            int length = Math.min(tokens.length(), maxLength - 2);
            int[] ids = new int[length + 2];
            ids[0] = tokenizer.clsId();
            System.arraycopy(tokens.ids(), 0, ids, 1, length);
            ids[ids.length - 1] = tokenizer.sepId();
            // One sentence row; its label is not read.
            examples.add(new TrainingExample(ids, new int[][] {new int[0]}, new int[] {0}));
        }
        float[][] logits = model.logits(examples, tokenizer.padId(), microBatchTokens);
        double[][] out = new double[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            out[i] = softmax(logits[i]);
        }
        return out;
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double[] out = new double[logits.length];
        double sum = 0;
        for (int c = 0; c < out.length; c++) {
            out[c] = Math.exp(logits[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < out.length; c++) {
            out[c] /= sum;
        }
        return out;
    }
}
