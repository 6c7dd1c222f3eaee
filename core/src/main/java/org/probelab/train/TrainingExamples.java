package org.probelab.train;

import java.util.ArrayList;
import java.util.List;
import org.probelab.probe.LabelSet;
import org.probelab.represent.Task;
import org.probelab.data.Sentence;
import org.probelab.text.SubwordTokenizer;
import org.probelab.text.Tokenized;

/**
 * The sentences of one split as {@link TrainingExample}s: tokenized once, the task's targets mapped to
 * subword spans and class indices. Sentences without targets give nothing; sentences longer than the
 * maximum length are left out and counted (fine-tuning truncates nothing silently).
 */
public record TrainingExamples(List<TrainingExample> examples, int tooLong) {
    public TrainingExamples {
        examples = List.copyOf(examples);
    }

    public static TrainingExamples of(List<Sentence> sentences, Task task, SubwordTokenizer tokenizer,
                                      LabelSet labels, int maxLength) {
        List<TrainingExample> examples = new ArrayList<>();
        int tooLong = 0;
        for (Sentence sentence : sentences) {
            List<Task.Target> targets = task.targets(sentence).targets();
            if (targets.isEmpty()) {
                continue;
            }
            Tokenized tokens = tokenizer.tokenize(sentence.forms());
            if (tokens.length() + 2 > maxLength) {
                tooLong++;
                continue;
            }
            int[] ids = new int[tokens.length() + 2];
            ids[0] = tokenizer.clsId();
            System.arraycopy(tokens.ids(), 0, ids, 1, tokens.length());
            ids[ids.length - 1] = tokenizer.sepId();
            int[][] spans = new int[targets.size()][];
            List<String> gold = new ArrayList<>();
            for (int r = 0; r < targets.size(); r++) {
                int[] words = targets.get(r).words();
                spans[r] = new int[2 * words.length];
                for (int k = 0; k < words.length; k++) {
                    // +1: [CLS] comes first.
                    spans[r][2 * k] = tokens.wordStart()[words[k]] + 1;
                    spans[r][2 * k + 1] = tokens.wordEnd()[words[k]] + 1;
                }
                gold.add(targets.get(r).label());
            }
            examples.add(new TrainingExample(ids, spans, labels.indices(gold)));
        }
        return new TrainingExamples(examples, tooLong);
    }

    /** Every gold label of the targets of {@code sentences}, in order: what a label set is built from. */
    public static List<String> labels(List<Sentence> sentences, Task task) {
        List<String> labels = new ArrayList<>();
        for (Sentence sentence : sentences) {
            task.targets(sentence).targets().forEach(t -> labels.add(t.label()));
        }
        return labels;
    }

    public int rows() {
        return examples.stream().mapToInt(TrainingExample::rows).sum();
    }
}
