package org.probelab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.probelab.model.BertGraph;
import org.probelab.model.BertModel;
import org.probelab.model.ComputePrecision;
import org.probelab.model.DeviceOptions;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;
import org.probelab.text.BertTokenizer;
import org.probelab.train.FineTuneSettings;
import org.probelab.train.HeadKind;
import org.probelab.train.HeadTrainer;
import org.probelab.train.TrainingExample;

/**
 * Our side of the training-step benchmark: forward, backward and AdamW update of BERT with a sentence
 * classifier on the pooler (2 classes), batch B × T tokens of fixed random ids, dropout 0.1, clipping at
 * 1.0, weight decay 0.01 except biases and LayerNorm, all layers trained (layer decay 1) — the job
 * {@code reference_train_step.py} does. Prints one JSON line: the median step time over the timed steps.
 *
 * <p>Usage: {@code TrainStepBench MODEL_DIR [--batch 16] [--seq 64] [--steps 5] [--warmup 2]
 * [--device cpu|gpu] [--precision float32|bf16]}
 */
public final class TrainStepBench {
    private TrainStepBench() {
    }

    public static void main(String[] args) throws Exception {
        Path modelDir = Path.of(args[0]);
        int batch = 16;
        int seq = 64;
        int steps = 5;
        int warmup = 2;
        DeviceOptions device = DeviceOptions.cpu();
        ComputePrecision precision = ComputePrecision.FLOAT32;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--seq" -> seq = Integer.parseInt(args[i + 1]);
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--device" -> device = args[i + 1].equals("gpu") ? DeviceOptions.gpu() : DeviceOptions.cpu();
                case "--precision" -> precision = ComputePrecision.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PretrainedModel pretrained = ModelStore.load(modelDir.toString());
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(pretrained.vocab(), pretrained.lowerCase());
        List<TrainingExample> examples = randomBatch(batch, seq, pretrained.config().vocabSize(), tokenizer);
        int[] members = new int[batch];
        Arrays.setAll(members, i -> i);
        // The whole batch in one pass, as the reference does.
        FineTuneSettings settings = FineTuneSettings.DEFAULTS.toBuilder().layerDecay(1f)
                .microBatchTokens(batch * seq).build();
        try (BertModel model = BertModel.create(pretrained.config(), pretrained.weights(),
                device.withPrecision(precision), BertGraph.Dropout.SWITCHABLE)) {
            HeadTrainer trainer = new HeadTrainer(model, HeadKind.SENTENCE_POOLER, 2, settings, tokenizer.padId());
            double[] seconds = new double[steps];
            double loss = 0;
            for (int s = 0; s < warmup + steps; s++) {
                long start = System.nanoTime();
                loss = trainer.step(examples, members, settings.learningRate(), s).loss();
                if (s >= warmup) {
                    seconds[s - warmup] = (System.nanoTime() - start) / 1e9;
                }
            }
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("peer", "probelab");
            line.put("device", model.device().describe());
            line.put("batch", batch);
            line.put("seq", seq);
            line.put("padded_tokens", batch * seq);
            line.put("padded_token_squares", (long) batch * seq * seq);
            line.put("steps", steps);
            line.put("step_seconds", sorted[steps / 2]);
            line.put("all_step_seconds", seconds);
            line.put("last_loss", loss);
            line.put("peak_rss_mb", Rss.peakMb());
            System.out.println(new ObjectMapper().writeValueAsString(line));
        }
    }

    /** B sentences of exactly T tokens: [CLS], T-2 random word pieces, [SEP]; labels alternate. */
    private static List<TrainingExample> randomBatch(int batch, int seq, int vocab, BertTokenizer tokenizer) {
        Random random = new Random(1);
        List<TrainingExample> examples = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            int[] ids = new int[seq];
            ids[0] = tokenizer.clsId();
            for (int t = 1; t < seq - 1; t++) {
                ids[t] = 1000 + random.nextInt(vocab - 1000);
            }
            ids[seq - 1] = tokenizer.sepId();
            examples.add(new TrainingExample(ids, new int[][] {new int[0]}, new int[] {b % 2}));
        }
        return examples;
    }
}
