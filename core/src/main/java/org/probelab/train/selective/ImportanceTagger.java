package org.probelab.train.selective;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.probelab.data.Checksums;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.data.Word;
import org.probelab.text.BertTokenizer;
import org.probelab.text.Tokenized;
import org.probelab.train.FineTuneSettings;
import org.probelab.train.FineTuneSpec;
import org.probelab.train.FineTuneStage;
import org.probelab.train.TaskModel;
import org.probelab.train.TrainingExample;
import org.probelab.train.mlm.PackedSequence;
import org.probelab.train.mlm.SelectiveMasking;
import org.probelab.train.mlm.SequenceMarks;

/**
 * The second step of selective masking (Gu et al. 2020): a token classifier learns, from the words the
 * {@link ImportanceScorer} found important in labelled task data, to mark important words in any text,
 * and then marks the unlabelled domain text the masked LM trains on. The classifier is a token head on
 * BERT fine-tuned as any word task ({@link FineTuneStage}, so it has the same optimizer, checkpoints and
 * resume), on data whose words carry the label {@value #IMPORTANT} or {@value #OTHER} in column 1.
 */
public final class ImportanceTagger {
    /** The task the tagger is fine-tuned on: the label in column 1 of {@link #trainingData}'s words. */
    public static final String TASK = "column:1";
    public static final String IMPORTANT = "important";
    public static final String OTHER = "other";
    /** Every n-th scored sentence goes to the tagger's dev split. */
    private static final int DEV_EVERY = 10;

    private ImportanceTagger() {
    }

    /**
     * The tagger's data: the scored sentences (those the classifier got right), each word labelled
     * {@value #IMPORTANT} or {@value #OTHER}; every {@value #DEV_EVERY}th one held out for dev.
     */
    public static Dataset trainingData(String name, List<Sentence> sentences, ImportanceScores scores) {
        if (sentences.size() != scores.important().size()) {
            throw new IllegalArgumentException("importance scores of " + scores.important().size()
                    + " sentences given for " + sentences.size());
        }
        List<Sentence> train = new ArrayList<>();
        List<Sentence> dev = new ArrayList<>();
        int kept = 0;
        for (int i = 0; i < sentences.size(); i++) {
            boolean[] marks = scores.important().get(i);
            if (marks == null) {
                continue;
            }
            Sentence s = sentences.get(i);
            List<Word> words = new ArrayList<>();
            for (int w = 0; w < marks.length; w++) {
                String form = s.words().get(w).form();
                words.add(new Word(form, -1, List.of(form, marks[w] ? IMPORTANT : OTHER)));
            }
            (++kept % DEV_EVERY == 0 ? dev : train).add(new Sentence(s.id(), s.source(), words, null));
        }
        double share = scores.importantShare();
        if (train.isEmpty() || share == 0 || share == 1) {
            throw new IllegalArgumentException("selective masking: the classifier scored " + scores.scored()
                    + " sentences and marked " + Math.round(100 * share) + "% of their words important (delta "
                    + scores.delta() + "); the tagger needs sentences with both important and other words");
        }
        return new Dataset(name, train, dev, List.of(), Checksums.ofSplits(train, dev));
    }

    /** The stage that fine-tunes the tagger on {@link #trainingData}. */
    public static FineTuneStage stage(FineTuneSettings settings) {
        return new FineTuneStage(new FineTuneSpec(TASK, settings));
    }

    /**
     * Per sentence and word, whether {@code tagger} marks it important. Words past the maximum length
     * (which BERT cannot read in one pass) stay unmarked.
     */
    public static List<boolean[]> mark(TaskModel tagger, List<Sentence> corpus, int maxLength, int microBatchTokens) {
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(tagger.model().vocab(), tagger.model().lowerCase());
        int limit = Math.min(maxLength, tagger.model().config().maxPositionEmbeddings()) - 2;
        List<TrainingExample> examples = new ArrayList<>();
        for (Sentence sentence : corpus) {
            examples.add(example(tokenizer, sentence.forms(), limit));
        }
        List<boolean[]> rows = markRows(tagger, examples, tokenizer.padId(), microBatchTokens);
        List<boolean[]> marks = new ArrayList<>();
        for (int s = 0; s < corpus.size(); s++) {
            marks.add(Arrays.copyOf(rows.get(s), corpus.get(s).length()));
        }
        return marks;
    }

    /**
     * Per example and row (one row per word, its subword span in the example's ids), whether
     * {@code tagger} marks the word important.
     */
    public static List<boolean[]> markRows(TaskModel tagger, List<TrainingExample> examples, int padId,
                                           int microBatchTokens) {
        int important = tagger.head().labels().indexOf(IMPORTANT);
        if (!TASK.equals(tagger.head().task()) || important < 0) {
            throw new IllegalArgumentException("selective masking marks words with a tagger fine-tuned on "
                    + TASK + " (important/other), but " + tagger.describe() + " was fine-tuned on "
                    + tagger.head().task());
        }
        float[][] logits = tagger.logits(examples, padId, microBatchTokens);
        int classes = tagger.head().labels().size();
        List<boolean[]> marks = new ArrayList<>();
        for (int e = 0; e < examples.size(); e++) {
            boolean[] rows = new boolean[examples.get(e).rows()];
            for (int row = 0; row < rows.length; row++) {
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (logits[e][row * classes + c] > logits[e][row * classes + best]) {
                        best = c;
                    }
                }
                rows[row] = best == important;
            }
            marks.add(rows);
        }
        return marks;
    }

    /**
     * The marks of the masked LM's packed sequences, for {@link SelectiveMasking}: the tagger reads each
     * sequence as it is packed and marks every subword of the words it calls important.
     */
    public static SequenceMarks markSequences(TaskModel tagger, List<PackedSequence> sequences,
                                              int microBatchTokens) {
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(tagger.model().vocab(), tagger.model().lowerCase());
        List<TrainingExample> examples = new ArrayList<>();
        List<int[][]> spans = new ArrayList<>();
        for (PackedSequence sequence : sequences) {
            int[][] words = sequence.wordSpans().toArray(int[][]::new);
            spans.add(words);
            examples.add(new TrainingExample(sequence.ids(), words, new int[words.length]));
        }
        List<boolean[]> rows = markRows(tagger, examples, tokenizer.padId(), microBatchTokens);
        List<boolean[]> positions = new ArrayList<>();
        for (int s = 0; s < sequences.size(); s++) {
            boolean[] marked = new boolean[sequences.get(s).length()];
            int[][] words = spans.get(s);
            for (int w = 0; w < words.length; w++) {
                if (rows.get(s)[w]) {
                    Arrays.fill(marked, words[w][0], words[w][1], true);
                }
            }
            positions.add(marked);
        }
        return SequenceMarks.of(sequences, positions);
    }

    /** [CLS] subwords [SEP] with one row per word that fits in {@code limit} subwords. */
    private static TrainingExample example(BertTokenizer tokenizer, List<String> forms, int limit) {
        Tokenized tokens = tokenizer.tokenize(forms);
        int words = 0;
        while (words < tokens.words() && tokens.wordEnd()[words] <= limit) {
            words++;
        }
        int length = words == 0 ? 0 : tokens.wordEnd()[words - 1];
        int[] ids = new int[length + 2];
        ids[0] = tokenizer.clsId();
        System.arraycopy(tokens.ids(), 0, ids, 1, length);
        ids[ids.length - 1] = tokenizer.sepId();
        int[][] spans = new int[words][];
        for (int w = 0; w < words; w++) {
            // +1: [CLS] comes first.
            spans[w] = new int[] {tokens.wordStart()[w] + 1, tokens.wordEnd()[w] + 1};
        }
        return new TrainingExample(ids, spans, new int[words]);
    }
}
