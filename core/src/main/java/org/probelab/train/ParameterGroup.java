package org.probelab.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Variables that share one decoupled weight-decay rate and one learning-rate scale in {@link AdamW}.
 * The groups of a model are built in one place ({@link #split} here, {@link FineTuneGroups} for BERT),
 * so which variables escape decay or learn more slowly is data, not scattered ifs.
 *
 * @param rateScale the group's learning rate is the fed rate times this (layer-wise decay: ξ^depth)
 */
public record ParameterGroup(String name, List<Variable<TFloat32>> variables, float weightDecay, float rateScale) {

    /** Name fragments of the variables BERT never decays: biases and LayerNorm scales/offsets. */
    public static final List<String> BERT_NO_DECAY = List.of("bias", "LayerNorm", "layer_norm");

    public ParameterGroup {
        variables = List.copyOf(variables);
        if (!(weightDecay >= 0f)) {
            throw new IllegalArgumentException("weight decay of group '" + name + "' must be >= 0, got " + weightDecay);
        }
        if (!(rateScale > 0f) || Float.isInfinite(rateScale)) {
            throw new IllegalArgumentException("rate scale of group '" + name + "' must be positive, got " + rateScale);
        }
    }

    /** A group learning at the fed rate itself. */
    public ParameterGroup(String name, List<Variable<TFloat32>> variables, float weightDecay) {
        this(name, variables, weightDecay, 1f);
    }

    /**
     * Splits {@code variables} into a group "decay" (rate {@code weightDecay}) and a group "no_decay"
     * (rate 0) holding every variable whose op name contains one of {@code noDecayNameParts}.
     * Empty groups are left out.
     */
    public static List<ParameterGroup> split(List<Variable<TFloat32>> variables, float weightDecay,
                                             List<String> noDecayNameParts) {
        return split("", variables, weightDecay, noDecayNameParts, 1f);
    }

    /** As {@link #split(List, float, List)}, the groups named {@code prefix + "decay"} etc., at {@code rateScale}. */
    public static List<ParameterGroup> split(String prefix, List<Variable<TFloat32>> variables, float weightDecay,
                                             List<String> noDecayNameParts, float rateScale) {
        List<Variable<TFloat32>> decayed = new ArrayList<>();
        List<Variable<TFloat32>> undecayed = new ArrayList<>();
        for (Variable<TFloat32> variable : variables) {
            String name = variable.op().name();
            boolean exempt = noDecayNameParts.stream().anyMatch(name::contains);
            (exempt ? undecayed : decayed).add(variable);
        }
        List<ParameterGroup> groups = new ArrayList<>();
        if (!decayed.isEmpty()) {
            groups.add(new ParameterGroup(prefix + "decay", decayed, weightDecay, rateScale));
        }
        if (!undecayed.isEmpty()) {
            groups.add(new ParameterGroup(prefix + "no_decay", undecayed, 0f, rateScale));
        }
        return groups;
    }

    /** One line for provenance, e.g. {@code layer_11/decay: 16 variables, decay 0.01, rate x0.95}. */
    public String describe() {
        return name + ": " + variables.size() + " variables, decay " + weightDecay + ", rate x" + rateScale;
    }
}
