package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertConfigJsonTest {
    /** Google's released bert_config.json for BERT-base, uncased. */
    private static final String GOOGLE_BASE = """
            {
              "attention_probs_dropout_prob": 0.1,
              "hidden_act": "gelu",
              "hidden_dropout_prob": 0.1,
              "hidden_size": 768,
              "initializer_range": 0.02,
              "intermediate_size": 3072,
              "max_position_embeddings": 512,
              "num_attention_heads": 12,
              "num_hidden_layers": 12,
              "type_vocab_size": 2,
              "vocab_size": 30522
            }""";

    @TempDir
    Path dir;

    @Test
    void googleBertBaseConfigIsBertBaseWithTanhGelu() throws IOException {
        Path file = dir.resolve("bert_config.json");
        Files.writeString(file, GOOGLE_BASE);
        assertEquals(BertConfig.base(), BertConfigJson.readGoogle(file));
    }

    @Test
    void geluMeansErfInHuggingFaceConfigsButTanhInGoogleOnes() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, GOOGLE_BASE);
        assertEquals(GeluKind.ERF, BertConfigJson.readHf(file).hiddenAct());
        assertEquals(GeluKind.TANH, BertConfigJson.readGoogle(file).hiddenAct());
        Files.writeString(file, GOOGLE_BASE.replace("\"gelu\"", "\"gelu_new\""));
        assertEquals(GeluKind.TANH, BertConfigJson.readHf(file).hiddenAct());
    }

    @Test
    void bothDialectsRoundTripEitherGelu() {
        BertConfig tanh = new BertConfig(99, 16, 3, 4, 40, 33, 3, GeluKind.TANH, 0.05f, 0.15f, 0.03f, 1e-6f);
        BertConfig erf = new BertConfig(99, 16, 3, 4, 40, 33, 3, GeluKind.ERF, 0.05f, 0.15f, 0.03f, 1e-12f);
        for (BertConfigJson.Dialect dialect : BertConfigJson.Dialect.values()) {
            for (BertConfig config : new BertConfig[] {tanh, erf}) {
                Path file = dir.resolve(dialect + "-" + config.hiddenAct() + ".json");
                BertConfigJson.write(config, file, dialect);
                assertEquals(config, BertConfigJson.read(file, dialect), dialect + " " + config.hiddenAct());
            }
        }
    }

    @Test
    void missingFieldIsNamedWithTheFile() throws IOException {
        Path file = dir.resolve("bert_config.json");
        Files.writeString(file, GOOGLE_BASE.replace("\"num_hidden_layers\": 12,", ""));
        WeightsException e = assertThrows(WeightsException.class, () -> BertConfigJson.readGoogle(file));
        assertTrue(e.getMessage().contains("num_hidden_layers") && e.getMessage().contains(file.toString()),
                e.getMessage());
    }

    @Test
    void mistypedFieldAndInconsistentShapesAreRejected() throws IOException {
        Path file = dir.resolve("bert_config.json");
        Files.writeString(file, GOOGLE_BASE.replace("\"hidden_size\": 768", "\"hidden_size\": \"768\""));
        assertTrue(assertThrows(WeightsException.class, () -> BertConfigJson.readGoogle(file)).getMessage()
                .contains("\"hidden_size\" must be a positive integer"));
        Files.writeString(file, GOOGLE_BASE.replace("\"num_attention_heads\": 12", "\"num_attention_heads\": 7"));
        assertTrue(assertThrows(WeightsException.class, () -> BertConfigJson.readGoogle(file)).getMessage()
                .contains("not a multiple of num_attention_heads"));
    }

    @Test
    void badJsonAndUnknownActivationAreReported() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\n  \"hidden_size\": 768,\n  oops\n}");
        WeightsException json = assertThrows(WeightsException.class, () -> BertConfigJson.readHf(file));
        assertTrue(json.getMessage().contains("not valid JSON (line 3)"), json.getMessage());
        Files.writeString(file, GOOGLE_BASE.replace("\"gelu\"", "\"relu\""));
        WeightsException act = assertThrows(WeightsException.class, () -> BertConfigJson.readHf(file));
        assertTrue(act.getMessage().contains("hidden_act \"relu\""), act.getMessage());
    }
}
