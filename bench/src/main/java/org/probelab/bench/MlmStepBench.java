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
import org.probelab.model.DeviceOptions;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;
import org.probelab.text.BertTokenizer;
import org.probelab.train.MlmSettings;
import org.probelab.train.MlmTrainer;
import org.probelab.train.mlm.DynamicMasking;
import org.probelab.train.mlm.MaskTokens;
import org.probelab.train.mlm.MaskedSequence;
import org.probelab.train.mlm.PackedSequence;

/**
 * Our side of the masked-LM step benchmark: forward, backward and AdamW update of BERT with its MLM head,
 * batch B × T tokens of fixed random ids, 15% of the positions masked (80/10/10), the logits computed at the
 * masked positions only; dropout 0.1, clipping at 1.0, weight decay 0.01 except biases and LayerNorm, every
 * weight but the pooler trained — the job {@code reference_mlm_step.py} does. Prints one JSON line: the median
 * step time over the timed steps.
 *
 * <p>Usage: {@code MlmStepBench MODEL_DIR [--batch 16] [--seq 128] [--steps 5] [--warmup 2]}
 */
public final class MlmStepBench {
    private MlmStepBench() {
    }

    public static void main(String[] args) throws Exception {
        Path modelDir = Path.of(args[0]);
        int batch = 16;
        int seq = 128;
        int steps = 5;
        int warmup = 2;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--seq" -> seq = Integer.parseInt(args[i + 1]);
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PretrainedModel pretrained = ModelStore.load(modelDir.toString());
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(pretrained.vocab(), pretrained.lowerCase());
        List<MaskedSequence> masked = randomBatch(batch, seq, pretrained.config().vocabSize(), tokenizer);
        // The whole batch in one pass, as the reference does.
        MlmSettings settings = MlmSettings.PRETRAINING.toBuilder().microBatchTokens(batch * seq).build();
        try (BertModel model = BertModel.create(pretrained.config(), pretrained.weights(), DeviceOptions.cpu(),
                BertGraph.Dropout.SWITCHABLE)) {
            MlmTrainer trainer = new MlmTrainer(model, settings, tokenizer.padId());
            double[] seconds = new double[steps];
            double loss = 0;
            for (int s = 0; s < warmup + steps; s++) {
                long start = System.nanoTime();
                loss = trainer.step(masked, settings.learningRate(), s).loss();
                if (s >= warmup) {
                    seconds[s - warmup] = (System.nanoTime() - start) / 1e9;
                }
            }
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("peer", "probelab");
            line.put("batch", batch);
            line.put("seq", seq);
            line.put("masked", masked.stream().mapToInt(m -> m.positions().length).sum());
            line.put("steps", steps);
            line.put("step_seconds", sorted[steps / 2]);
            line.put("all_step_seconds", seconds);
            line.put("last_loss", loss);
            line.put("peak_rss_mb", Rss.peakMb());
            System.out.println(new ObjectMapper().writeValueAsString(line));
        }
    }

    /** B sequences of exactly T tokens ([CLS], T-2 random word pieces, [SEP]) under BERT's 15% dynamic mask. */
    public static List<MaskedSequence> randomBatch(int batch, int seq, int vocab, BertTokenizer tokenizer) {
        Random random = new Random(1);
        MaskTokens tokens = new MaskTokens(tokenizer.maskId(), vocab);
        List<MaskedSequence> out = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            int[] ids = new int[seq];
            int[] words = new int[seq];
            ids[0] = tokenizer.clsId();
            words[0] = -1;
            for (int t = 1; t < seq - 1; t++) {
                ids[t] = 1000 + random.nextInt(vocab - 1000);
                words[t] = t - 1;
            }
            ids[seq - 1] = tokenizer.sepId();
            words[seq - 1] = -1;
            out.add(new DynamicMasking().mask(new PackedSequence(b, "random", ids, words), 0, 0, 1, tokens));
        }
        return out;
    }
}
