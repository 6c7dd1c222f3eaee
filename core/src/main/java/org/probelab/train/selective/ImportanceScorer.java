package org.probelab.train.selective;

import java.util.ArrayList;
import java.util.List;
import org.probelab.data.Sentence;

/**
 * Scores each word's importance to a sentence classifier as Gu et al. (2020, "Train No Evil: Selective
 * Masking for Task-Guided Pre-Training", EMNLP) do. Only sentences the classifier labels correctly are
 * scored. Reading a sentence s with gold label y from left to right, a buffer holds the words read so
 * far that were not found important; word w is important when the buffer plus w already brings the
 * classifier's confidence in y close to its confidence on the whole sentence:
 * P(y | s) − P(y | buffer + w) &lt; δ. An important word is then taken out of the buffer, so that the
 * words after it are judged without it (as in the authors' released scorer, {@code sc_mask_gen.py});
 * an unimportant one stays in. All sentences advance one word per classifier call, so the classifier
 * runs once per word position over the whole batch.
 *
 * <p>The unit here is the word (its WordPieces added and removed together), the unit a reader sees and
 * that whole-word masking uses; the paper scores WordPiece tokens.
 */
public final class ImportanceScorer {
    /**
     * δ = 0.02, the threshold of the authors' released scoring run for Yelp reviews
     * ({@code data/sc_cpd.sh} of thunlp/SelectiveMasking).
     */
    public static final double DEFAULT_DELTA = 0.02;

    private final SentenceClassifier classifier;
    private final double delta;

    public ImportanceScorer(SentenceClassifier classifier, double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("selective masking setting delta must be in (0, 1), got " + delta);
        }
        this.classifier = classifier;
        this.delta = delta;
    }

    /** Scores every sentence that has a gold label among the classifier's classes and is classified correctly. */
    public ImportanceScores score(List<Sentence> sentences) {
        List<String> labels = classifier.labels();
        int n = sentences.size();
        int[] gold = new int[n];
        List<List<String>> forms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            gold[i] = sentences.get(i).label() == null ? -1 : labels.indexOf(sentences.get(i).label());
            forms.add(sentences.get(i).forms());
        }
        double[][] whole = classifier.probabilities(forms);
        double[] full = new double[n];
        List<double[]> drops = new ArrayList<>();
        List<boolean[]> important = new ArrayList<>();
        List<List<String>> buffers = new ArrayList<>();
        int longest = 0;
        for (int i = 0; i < n; i++) {
            boolean right = gold[i] >= 0 && argMax(whole[i]) == gold[i] && !forms.get(i).isEmpty();
            full[i] = right ? whole[i][gold[i]] : Double.NaN;
            drops.add(right ? new double[forms.get(i).size()] : null);
            important.add(right ? new boolean[forms.get(i).size()] : null);
            buffers.add(new ArrayList<>());
            longest = right ? Math.max(longest, forms.get(i).size()) : longest;
        }
        for (int position = 0; position < longest; position++) {
            List<Integer> active = new ArrayList<>();
            List<List<String>> candidates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (important.get(i) != null && position < forms.get(i).size()) {
                    List<String> candidate = new ArrayList<>(buffers.get(i));
                    candidate.add(forms.get(i).get(position));
                    active.add(i);
                    candidates.add(candidate);
                }
            }
            double[][] probabilities = classifier.probabilities(candidates);
            for (int k = 0; k < active.size(); k++) {
                int i = active.get(k);
                double drop = full[i] - probabilities[k][gold[i]];
                drops.get(i)[position] = drop;
                if (drop < delta) {
                    important.get(i)[position] = true;
                } else {
                    buffers.set(i, candidates.get(k));
                }
            }
        }
        return new ImportanceScores(drops, important, delta);
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int c = 1; c < values.length; c++) {
            if (values[c] > values[best]) {
                best = c;
            }
        }
        return best;
    }
}
