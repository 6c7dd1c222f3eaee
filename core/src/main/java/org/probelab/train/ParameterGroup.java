package org.probelab.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Variables that share one decoupled weight-decay rate in {@link AdamW}. The groups of a model are
 * built in one place with {@link #split}, so which variables escape decay is data, not scattered ifs.
 */
public record ParameterGroup(String name, List<Variable<TFloat32>> variables, float weightDecay) {

    /** Name fragments of the variables BERT never decays: biases and LayerNorm scales/offsets. */
    public static final List<String> BERT_NO_DECAY = List.of("bias", "LayerNorm", "layer_norm");

    public ParameterGroup {
        variables = List.copyOf(variables);
        if (!(weightDecay >= 0f)) {
            throw new IllegalArgumentException("weight decay of group '" + name + "' must be >= 0, got " + weightDecay);
        }
    }

    /**
     * Splits {@code variables} into a group "decay" (rate {@code weightDecay}) and a group "no_decay"
     * (rate 0) holding every variable whose op name contains one of {@code noDecayNameParts}.
     * Empty groups are left out.
     */
    public static List<ParameterGroup> split(List<Variable<TFloat32>> variables, float weightDecay,
                                             List<String> noDecayNameParts) {
        List<Variable<TFloat32>> decayed = new ArrayList<>();
        List<Variable<TFloat32>> undecayed = new ArrayList<>();
        for (Variable<TFloat32> variable : variables) {
            String name = variable.op().name();
            boolean exempt = noDecayNameParts.stream().anyMatch(name::contains);
            (exempt ? undecayed : decayed).add(variable);
        }
        List<ParameterGroup> groups = new ArrayList<>();
        if (!decayed.isEmpty()) {
            groups.add(new ParameterGroup("decay", decayed, weightDecay));
        }
        if (!undecayed.isEmpty()) {
            groups.add(new ParameterGroup("no_decay", undecayed, 0f));
        }
        return groups;
    }
}
