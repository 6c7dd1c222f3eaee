package org.probelab.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.probelab.io.AtomicFiles;

/**
 * Writes a model as a directory {@link ModelStore#load} reads back identically: Google's layout
 * (TF checkpoint + {@code bert_config.json}) or Hugging Face's (safetensors + {@code config.json}),
 * each with {@code vocab.txt} and a {@code tokenizer_config.json} recording the casing.
 */
public final class ModelSaver {
    /** The directory layout to write. */
    public enum Format { TF_CHECKPOINT, SAFETENSORS }

    private ModelSaver() {
    }

    public static void save(PretrainedModel model, Path dir, Format format) {
        save(model.config(), model.vocab(), model.lowerCase(), model.weights(), dir, format);
    }

    /** Checks {@code weights} against {@code config}, then writes every file atomically into {@code dir}. */
    public static void save(BertConfig config, Path vocab, boolean lowerCase, Weights weights, Path dir,
                            Format format) {
        weights.checkAgainst(config);
        try {
            Files.createDirectories(dir);
            Path vocabTarget = dir.resolve(ModelStore.VOCAB);
            if (!Files.exists(vocabTarget) || !Files.isSameFile(vocab, vocabTarget)) {
                AtomicFiles.write(vocabTarget, out -> Files.copy(vocab, out));
            }
            ObjectMapper json = new ObjectMapper();
            ObjectNode tokenizer = json.createObjectNode()
                    .put("do_lower_case", lowerCase)
                    .put("tokenizer_class", "BertTokenizer");
            AtomicFiles.write(dir.resolve(ModelStore.TOKENIZER_CONFIG), json.writeValueAsBytes(tokenizer));
        } catch (IOException e) {
            throw new WeightsException("cannot write model to " + dir + ": " + e.getMessage(), e);
        }
        switch (format) {
            case TF_CHECKPOINT -> {
                BertConfigJson.writeGoogle(config, dir.resolve(BertConfigJson.GOOGLE_FILE));
                TfCheckpoint.write(weights, dir.resolve(ModelStore.GOOGLE_CHECKPOINT));
            }
            case SAFETENSORS -> {
                BertConfigJson.writeHf(config, dir.resolve(BertConfigJson.HF_FILE));
                Safetensors.write(HfNames.toHf(weights), dir.resolve(ModelStore.HF_WEIGHTS));
            }
        }
    }
}
