package org.probelab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.probelab.model.BertGraph;
import org.probelab.model.BertModel;
import org.probelab.model.DeviceOptions;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;
import org.probelab.probe.LabelSet;
import org.probelab.represent.Task;
import org.probelab.text.BertTokenizer;
import org.probelab.data.ConllU;
import org.probelab.data.Sentence;
import org.probelab.train.BatchPlan;
import org.probelab.train.FineTuneSettings;
import org.probelab.train.HeadKind;
import org.probelab.train.HeadTrainer;
import org.probelab.train.TrainingExamples;

/**
 * How long one fine-tuning epoch of POS on a CoNLL-U train file takes with the default settings (batch
 * 32, length-bucketed, at most 128 subwords): times the first {@code --steps} steps of epoch 0's batch
 * plan (after one untimed step) and extrapolates to the epoch's step count. Prints one JSON line.
 *
 * <p>Usage: {@code FineTuneEpochBench MODEL_DIR TRAIN.conllu [--steps 6]}
 */
public final class FineTuneEpochBench {
    private FineTuneEpochBench() {
    }

    public static void main(String[] args) throws Exception {
        Path modelDir = Path.of(args[0]);
        Path conllu = Path.of(args[1]);
        int steps = args.length > 3 && args[2].equals("--steps") ? Integer.parseInt(args[3]) : 6;
        PretrainedModel pretrained = ModelStore.load(modelDir.toString());
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(pretrained.vocab(), pretrained.lowerCase());
        List<Sentence> sentences = ConllU.read(conllu);
        Task task = Task.pos();
        FineTuneSettings settings = FineTuneSettings.DEFAULTS;
        LabelSet labels = LabelSet.ofTraining(TrainingExamples.labels(sentences, task));
        TrainingExamples train = TrainingExamples.of(sentences, task, tokenizer, labels,
                settings.maxSequenceLength());
        List<int[]> batches = BatchPlan.epoch(train.examples(), settings.batchSize(), settings.seed(), 0);
        int timed = Math.min(steps, batches.size() - 1);
        try (BertModel model = BertModel.create(pretrained.config(), pretrained.weights(), DeviceOptions.cpu(),
                BertGraph.Dropout.SWITCHABLE)) {
            HeadTrainer trainer = new HeadTrainer(model, HeadKind.TOKEN, labels.size(), settings, tokenizer.padId());
            trainer.step(train.examples(), batches.get(0), settings.learningRate(), 0);
            long tokens = 0;
            long start = System.nanoTime();
            for (int s = 1; s <= timed; s++) {
                trainer.step(train.examples(), batches.get(s), settings.learningRate(), s);
                for (int m : batches.get(s)) {
                    tokens += train.examples().get(m).length();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long allTokens = train.examples().stream().mapToLong(e -> e.length()).sum();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("peer", "probelab");
            line.put("sentences", train.examples().size());
            line.put("skipped_too_long", train.tooLong());
            line.put("steps_per_epoch", batches.size());
            line.put("timed_steps", timed);
            line.put("timed_seconds", seconds);
            // Steps differ in length; scale by the tokens of the timed steps, not by their count.
            line.put("epoch_minutes", seconds * allTokens / tokens / 60);
            line.put("peak_rss_mb", Rss.peakMb());
            System.out.println(new ObjectMapper().writeValueAsString(line));
        }
    }
}
