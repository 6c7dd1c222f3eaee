package org.probelab.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.probelab.io.AtomicFiles;

/**
 * Reads and writes {@link BertConfig} as Google's {@code bert_config.json} or Hugging Face's
 * {@code config.json}. The two agree on field names but not on {@code hidden_act}: Google's TF BERT
 * code implements "gelu" as the tanh approximation, while in transformers "gelu" is the exact erf
 * form and the tanh one is "gelu_new" / "gelu_pytorch_tanh". Reading a checkpoint with the wrong
 * form shifts every hidden state (by about 1e-2 at layer 12 of BERT-base), so each file is
 * interpreted in its own convention. Google's format has no name for the erf form; probelab writes
 * {@value #GOOGLE_ERF_GELU} there and reads it back.
 */
public final class BertConfigJson {
    public static final String GOOGLE_FILE = "bert_config.json";
    public static final String HF_FILE = "config.json";
    static final String GOOGLE_ERF_GELU = "gelu_erf";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Which convention a config file follows. */
    public enum Dialect { GOOGLE, HF }

    private BertConfigJson() {
    }

    public static BertConfig readGoogle(Path file) {
        return read(file, Dialect.GOOGLE);
    }

    public static BertConfig readHf(Path file) {
        return read(file, Dialect.HF);
    }

    public static BertConfig read(Path file, Dialect dialect) {
        JsonNode root = parse(file);
        Fields f = new Fields(file, root);
        if (dialect == Dialect.HF) {
            JsonNode modelType = root.get("model_type");
            if (modelType != null && !modelType.asText().equals("bert")) {
                throw new WeightsException(file + ": model_type is \"" + modelType.asText()
                        + "\", only \"bert\" is supported");
            }
            JsonNode positions = root.get("position_embedding_type");
            if (positions != null && !positions.asText().equals("absolute")) {
                throw new WeightsException(file + ": position_embedding_type \"" + positions.asText()
                        + "\" is not supported, only \"absolute\"");
            }
        }
        try {
            return new BertConfig(
                    f.integer("vocab_size"),
                    f.integer("hidden_size"),
                    f.integer("num_hidden_layers"),
                    f.integer("num_attention_heads"),
                    f.integer("intermediate_size"),
                    f.integer("max_position_embeddings"),
                    f.integer("type_vocab_size"),
                    gelu(file, f.text("hidden_act"), dialect),
                    f.number("hidden_dropout_prob"),
                    f.number("attention_probs_dropout_prob"),
                    f.number("initializer_range"),
                    // Google's code hard-wires 1e-12 and never writes it; transformers defaults to it too
                    root.has("layer_norm_eps") ? f.number("layer_norm_eps") : BertConfig.LAYER_NORM_EPS);
        } catch (IllegalArgumentException e) {
            throw new WeightsException(file + ": " + e.getMessage(), e);
        }
    }

    public static void writeGoogle(BertConfig config, Path file) {
        write(config, file, Dialect.GOOGLE);
    }

    public static void writeHf(BertConfig config, Path file) {
        write(config, file, Dialect.HF);
    }

    public static void write(BertConfig config, Path file, Dialect dialect) {
        ObjectNode root = JSON.createObjectNode();
        if (dialect == Dialect.HF) {
            root.putArray("architectures").add("BertForMaskedLM");
            root.put("model_type", "bert");
            root.put("position_embedding_type", "absolute");
            root.put("layer_norm_eps", config.layerNormEps());
        }
        root.put("attention_probs_dropout_prob", config.attentionProbsDropoutProb());
        root.put("hidden_act", geluName(config.hiddenAct(), dialect));
        root.put("hidden_dropout_prob", config.hiddenDropoutProb());
        root.put("hidden_size", config.hiddenSize());
        root.put("initializer_range", config.initializerRange());
        root.put("intermediate_size", config.intermediateSize());
        root.put("max_position_embeddings", config.maxPositionEmbeddings());
        root.put("num_attention_heads", config.numAttentionHeads());
        root.put("num_hidden_layers", config.numHiddenLayers());
        root.put("type_vocab_size", config.typeVocabSize());
        root.put("vocab_size", config.vocabSize());
        if (dialect == Dialect.GOOGLE && config.layerNormEps() != BertConfig.LAYER_NORM_EPS) {
            root.put("layer_norm_eps", config.layerNormEps());
        }
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new WeightsException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static GeluKind gelu(Path file, String act, Dialect dialect) {
        return switch (act) {
            case "gelu" -> dialect == Dialect.GOOGLE ? GeluKind.TANH : GeluKind.ERF;
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> GeluKind.TANH;
            case GOOGLE_ERF_GELU -> GeluKind.ERF;
            default -> throw new WeightsException(file + ": hidden_act \"" + act
                    + "\" is not supported; BERT here uses GELU (\"gelu\", \"gelu_new\", \"gelu_pytorch_tanh\")");
        };
    }

    static String geluName(GeluKind kind, Dialect dialect) {
        if (dialect == Dialect.GOOGLE) {
            return kind == GeluKind.TANH ? "gelu" : GOOGLE_ERF_GELU;
        }
        return kind == GeluKind.TANH ? "gelu_pytorch_tanh" : "gelu";
    }

    private static JsonNode parse(Path file) {
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            if (root == null || !root.isObject()) {
                throw new WeightsException(file + " is not a JSON object");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new WeightsException("model config " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new WeightsException(file + " is not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new WeightsException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Typed access to required fields, naming the field and file when one is missing or mistyped. */
    private record Fields(Path file, JsonNode root) {
        JsonNode required(String field) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                throw new WeightsException(file + ": missing required field \"" + field + "\"");
            }
            return node;
        }

        int integer(String field) {
            JsonNode node = required(field);
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() <= 0) {
                throw new WeightsException(file + ": field \"" + field + "\" must be a positive integer, is " + node);
            }
            return node.intValue();
        }

        float number(String field) {
            JsonNode node = required(field);
            if (!node.isNumber()) {
                throw new WeightsException(file + ": field \"" + field + "\" must be a number, is " + node);
            }
            return node.floatValue();
        }

        String text(String field) {
            JsonNode node = required(field);
            if (!node.isTextual()) {
                throw new WeightsException(file + ": field \"" + field + "\" must be a string, is " + node);
            }
            return node.asText();
        }
    }
}
