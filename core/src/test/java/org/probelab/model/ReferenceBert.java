package org.probelab.model;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * BERT's forward pass written out as plain loops in double precision, for one unpadded sequence
 * with token type 0. Independent of the TensorFlow graph, so the two can check each other.
 */
final class ReferenceBert {
    private final BertConfig config;
    private final Map<String, float[]> weights = new HashMap<>();

    ReferenceBert(BertConfig config, Weights source) {
        this.config = config;
        for (String name : source.names()) {
            FloatBuffer values = source.get(name).values().duplicate();
            float[] copy = new float[values.remaining()];
            values.get(copy);
            weights.put(name, copy);
        }
    }

    /** [state][position][hidden]: state 0 = embeddings, k = output of layer k. */
    double[][][] hiddenStates(int[] ids) {
        double[][][] states = new double[config.numHiddenStates()][][];
        states[0] = embeddings(ids);
        for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
            states[layer + 1] = layer(BertNames.layer(layer), states[layer]);
        }
        return states;
    }

    double[] pooled(int[] ids) {
        double[] cls = hiddenStates(ids)[config.numHiddenLayers()][0];
        double[] pooled = dense(new double[][] {cls}, BertNames.POOLER)[0];
        for (int i = 0; i < pooled.length; i++) {
            pooled[i] = Math.tanh(pooled[i]);
        }
        return pooled;
    }

    /** [position][vocab] */
    double[][] mlmLogits(int[] ids) {
        double[][] transformed = layerNorm(gelu(dense(hiddenStates(ids)[config.numHiddenLayers()],
                BertNames.MLM_TRANSFORM)), BertNames.MLM_TRANSFORM_LAYER_NORM);
        float[] embeddings = weights.get(BertNames.WORD_EMBEDDINGS);
        float[] bias = weights.get(BertNames.MLM_OUTPUT_BIAS);
        int h = config.hiddenSize();
        double[][] logits = new double[ids.length][config.vocabSize()];
        for (int t = 0; t < ids.length; t++) {
            for (int v = 0; v < config.vocabSize(); v++) {
                double sum = bias[v];
                for (int i = 0; i < h; i++) {
                    sum += transformed[t][i] * embeddings[v * h + i];
                }
                logits[t][v] = sum;
            }
        }
        return logits;
    }

    private double[][] embeddings(int[] ids) {
        int h = config.hiddenSize();
        float[] words = weights.get(BertNames.WORD_EMBEDDINGS);
        float[] positions = weights.get(BertNames.POSITION_EMBEDDINGS);
        float[] tokenTypes = weights.get(BertNames.TOKEN_TYPE_EMBEDDINGS);
        double[][] x = new double[ids.length][h];
        for (int t = 0; t < ids.length; t++) {
            for (int i = 0; i < h; i++) {
                x[t][i] = words[ids[t] * h + i] + positions[t * h + i] + tokenTypes[i];
            }
        }
        return layerNorm(x, BertNames.EMBEDDINGS_LAYER_NORM);
    }

    private double[][] layer(String scope, double[][] x) {
        double[][] context = attention(x, scope + "/attention/self");
        double[][] attended = layerNorm(add(dense(context, scope + "/attention/output/dense"), x),
                scope + "/attention/output/LayerNorm");
        double[][] intermediate = gelu(dense(attended, scope + "/intermediate/dense"));
        return layerNorm(add(dense(intermediate, scope + "/output/dense"), attended), scope + "/output/LayerNorm");
    }

    private double[][] attention(double[][] x, String scope) {
        double[][] q = dense(x, scope + "/query");
        double[][] k = dense(x, scope + "/key");
        double[][] v = dense(x, scope + "/value");
        int n = x.length;
        int d = config.headSize();
        double[][] context = new double[n][config.hiddenSize()];
        for (int head = 0; head < config.numAttentionHeads(); head++) {
            int off = head * d;
            for (int i = 0; i < n; i++) {
                double[] scores = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (int c = 0; c < d; c++) {
                        dot += q[i][off + c] * k[j][off + c];
                    }
                    scores[j] = dot / Math.sqrt(d);
                    max = Math.max(max, scores[j]);
                }
                double total = 0;
                for (int j = 0; j < n; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    total += scores[j];
                }
                for (int j = 0; j < n; j++) {
                    for (int c = 0; c < d; c++) {
                        context[i][off + c] += scores[j] / total * v[j][off + c];
                    }
                }
            }
        }
        return context;
    }

    private double[][] dense(double[][] x, String scope) {
        float[] kernel = weights.get(scope + "/kernel");
        float[] bias = weights.get(scope + "/bias");
        int in = x[0].length;
        int out = bias.length;
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < out; o++) {
                double sum = bias[o];
                for (int i = 0; i < in; i++) {
                    sum += x[t][i] * kernel[i * out + o];
                }
                y[t][o] = sum;
            }
        }
        return y;
    }

    private double[][] layerNorm(double[][] x, String scope) {
        float[] gamma = weights.get(scope + "/gamma");
        float[] beta = weights.get(scope + "/beta");
        double[][] y = new double[x.length][x[0].length];
        for (int t = 0; t < x.length; t++) {
            double mean = 0;
            for (double v : x[t]) {
                mean += v / x[t].length;
            }
            double variance = 0;
            for (double v : x[t]) {
                variance += (v - mean) * (v - mean) / x[t].length;
            }
            for (int i = 0; i < x[t].length; i++) {
                y[t][i] = (x[t][i] - mean) / Math.sqrt(variance + config.layerNormEps()) * gamma[i] + beta[i];
            }
        }
        return y;
    }

    private double[][] gelu(double[][] x) {
        double[][] y = new double[x.length][x[0].length];
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < x[t].length; i++) {
                double v = x[t][i];
                y[t][i] = switch (config.hiddenAct()) {
                    case TANH -> 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
                    case ERF -> 0.5 * v * (1 + erf(v / Math.sqrt(2)));
                };
            }
        }
        return y;
    }

    /** erf by its Maclaurin series (|x| small) or continued-fraction complement, to ~1e-12. */
    static double erf(double x) {
        double a = Math.abs(x);
        double result;
        if (a < 3) {
            double term = a;
            double sum = a;
            for (int n = 1; n < 100; n++) {
                term *= -a * a / n;
                sum += term / (2 * n + 1);
            }
            result = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double fraction = 0;
            for (int n = 60; n >= 1; n--) {
                fraction = n / 2.0 / (a + fraction);
            }
            result = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + fraction);
        }
        return Math.signum(x) * result;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][a[0].length];
        for (int t = 0; t < a.length; t++) {
            for (int i = 0; i < a[t].length; i++) {
                y[t][i] = a[t][i] + b[t][i];
            }
        }
        return y;
    }
}
