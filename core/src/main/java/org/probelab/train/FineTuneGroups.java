package org.probelab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.probelab.model.BertNames;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The one place that decides which variables of a BERT and its task head a fine-tuning stage trains,
 * and at which rate and decay: frozen parts are left out; every layer is split into decayed weights and
 * undecayed biases/LayerNorm parameters ({@link ParameterGroup#BERT_NO_DECAY}); the rate scale of
 * transformer layer {@code k} (0-based, of {@code L}) is {@code ξ^(L-1-k)}, of the embeddings
 * {@code ξ^L}, of the pooler and head 1 (Sun et al. 2019). The masked-LM head is not trained here.
 */
public final class FineTuneGroups {
    private FineTuneGroups() {
    }

    /**
     * @param bertVariables every BERT variable by canonical name
     * @param head          the task head's variables
     * @param trainPooler   whether the head reads the pooler (otherwise the pooler gets no gradient)
     */
    public static List<ParameterGroup> of(Map<String, Variable<TFloat32>> bertVariables, int layers,
                                          List<Variable<TFloat32>> head, boolean trainPooler,
                                          FineTuneSettings settings) {
        if (settings.frozenLayers() > layers) {
            throw new IllegalArgumentException("fine-tuning setting frozenLayers is " + settings.frozenLayers()
                    + " but the model has only " + layers + " layers");
        }
        float decay = settings.weightDecay();
        float xi = settings.layerDecay();
        List<ParameterGroup> groups = new ArrayList<>(
                ParameterGroup.split("head/", head, decay, ParameterGroup.BERT_NO_DECAY, 1f));
        if (trainPooler) {
            groups.addAll(ParameterGroup.split("pooler/", under(bertVariables, BertNames.POOLER + "/"), decay,
                    ParameterGroup.BERT_NO_DECAY, 1f));
        }
        for (int k = layers - 1; k >= settings.frozenLayers(); k--) {
            groups.addAll(ParameterGroup.split("layer_" + k + "/", under(bertVariables, BertNames.layer(k) + "/"),
                    decay, ParameterGroup.BERT_NO_DECAY, (float) Math.pow(xi, layers - 1 - k)));
        }
        if (!settings.freezeEmbeddings()) {
            groups.addAll(ParameterGroup.split("embeddings/", under(bertVariables, "bert/embeddings/"), decay,
                    ParameterGroup.BERT_NO_DECAY, (float) Math.pow(xi, layers)));
        }
        return groups;
    }

    private static List<Variable<TFloat32>> under(Map<String, Variable<TFloat32>> variables, String prefix) {
        return variables.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .toList();
    }

    /** One line per group, for provenance. */
    public static List<String> describe(List<ParameterGroup> groups) {
        return groups.stream().map(ParameterGroup::describe).toList();
    }
}
