package org.probelab.model;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps between Hugging Face BERT tensor names and the canonical TF names of {@link BertNames}.
 * PyTorch's Linear stores its weight as [out, in] where TF's kernel is [in, out], so dense weights
 * are transposed on the way through. The MLM decoder weight is tied to the word embeddings and the
 * next-sentence head is unused, so neither is carried over.
 */
public final class HfNames {
    private static final String DECODER_WEIGHT = "cls.predictions.decoder.weight";
    private static final String DECODER_BIAS = "cls.predictions.decoder.bias";
    private static final Pattern LAYER_HF = Pattern.compile("encoder\\.layer\\.(\\d+)\\.");
    private static final Pattern LAYER_TF = Pattern.compile("encoder/layer_(\\d+)/");

    /** Canonical weights plus the Hugging Face tensors deliberately left out. */
    public record Mapped(Weights weights, List<String> skipped) {
    }

    private HfNames() {
    }

    /** Canonical name of a Hugging Face tensor; names without the {@code bert.} scope (BertModel) are accepted. */
    public static String toCanonical(String hfName) {
        String name = hfName;
        if (!name.startsWith("bert.") && !name.startsWith("cls.")) {
            name = "bert." + name;
        }
        if (name.equals("cls.predictions.bias")) {
            return BertNames.MLM_OUTPUT_BIAS;
        }
        name = LAYER_HF.matcher(name).replaceAll("encoder.layer_$1.");
        if (name.endsWith("_embeddings.weight")) {
            name = name.substring(0, name.length() - ".weight".length());
        } else if (name.contains("LayerNorm.")) {
            name = replaceSuffix(replaceSuffix(name, ".weight", ".gamma"), ".bias", ".beta");
        } else {
            name = replaceSuffix(name, ".weight", ".kernel");
        }
        return name.replace('.', '/');
    }

    /** Hugging Face name of a canonical tensor (with the {@code bert.} scope of BertForPreTraining). */
    public static String toHf(String canonical) {
        if (canonical.equals(BertNames.MLM_OUTPUT_BIAS)) {
            return "cls.predictions.bias";
        }
        String name = LAYER_TF.matcher(canonical).replaceAll("encoder/layer/$1/").replace('/', '.');
        if (name.endsWith("_embeddings")) {
            return name + ".weight";
        }
        name = replaceSuffix(name, ".gamma", ".weight");
        name = replaceSuffix(name, ".beta", ".bias");
        return replaceSuffix(name, ".kernel", ".weight");
    }

    /** Renames (and transposes dense weights of) Hugging Face tensors into canonical weights. */
    public static Mapped fromHf(Map<String, WeightTensor> hf, String origin) {
        Weights weights = new Weights(origin);
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, WeightTensor> e : hf.entrySet()) {
            String hfName = e.getKey();
            if (hfName.startsWith("cls.seq_relationship.") || hfName.equals(DECODER_WEIGHT)
                    || hfName.equals(DECODER_BIAS)) {
                skipped.add(hfName);
                continue;
            }
            String name = toCanonical(hfName);
            WeightTensor t = e.getValue();
            weights.put(name.endsWith("/kernel") ? transposed(name, t, origin) : renamed(name, t));
        }
        checkTiedDecoder(hf, weights, origin);
        return new Mapped(weights, List.copyOf(skipped));
    }

    /** Hugging Face tensors for canonical weights, dense kernels transposed to [out, in]. */
    public static Map<String, WeightTensor> toHf(Weights weights) {
        Map<String, WeightTensor> hf = new LinkedHashMap<>();
        for (String name : weights.names()) {
            String hfName = toHf(name);
            WeightTensor t = weights.get(name);
            hf.put(hfName, name.endsWith("/kernel") ? transposed(hfName, t, weights.origin()) : renamed(hfName, t));
        }
        return hf;
    }

    /** The tied decoder must have the word embeddings' shape, or the file belongs to another model. */
    private static void checkTiedDecoder(Map<String, WeightTensor> hf, Weights weights, String origin) {
        WeightTensor decoder = hf.get(DECODER_WEIGHT);
        WeightTensor embeddings = weights.get(BertNames.WORD_EMBEDDINGS);
        if (decoder != null && embeddings != null && !Arrays.equals(decoder.shape(), embeddings.shape())) {
            throw new WeightsException("weights from " + origin + ": " + DECODER_WEIGHT + " has shape "
                    + decoder.shapeString() + " but is tied to " + BertNames.WORD_EMBEDDINGS + " of shape "
                    + embeddings.shapeString());
        }
    }

    private static WeightTensor renamed(String name, WeightTensor t) {
        return new WeightTensor(name, t.shape(), t.values());
    }

    private static WeightTensor transposed(String name, WeightTensor t, String origin) {
        if (t.shape().length != 2) {
            throw new WeightsException("weights from " + origin + ": dense weight " + t.name() + " has shape "
                    + t.shapeString() + ", expected a matrix");
        }
        int rows = Math.toIntExact(t.shape()[0]);
        int cols = Math.toIntExact(t.shape()[1]);
        FloatBuffer src = t.values();
        int base = src.position();
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = src.get(base + r * cols + c);
            }
        }
        return new WeightTensor(name, new long[] {cols, rows}, FloatBuffer.wrap(out));
    }

    private static String replaceSuffix(String s, String suffix, String replacement) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) + replacement : s;
    }
}
