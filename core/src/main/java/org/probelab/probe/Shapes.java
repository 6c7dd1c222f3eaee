package org.probelab.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * MLP configs grouped by shape, in order of first appearance: the groups of one {@link ProbeGroupGraph}.
 * Member {@code m} is {@code configs.get(m)}; {@link #members} lists a group's members in their slot order.
 */
final class Shapes {
    private final List<ProbeConfig> configs;
    private final List<List<Integer>> widths = new ArrayList<>();
    private final List<List<Integer>> members = new ArrayList<>();

    private Shapes(List<ProbeConfig> configs) {
        this.configs = configs;
    }

    static Shapes of(List<ProbeConfig> configs, int inputDim, int labels) {
        Shapes shapes = new Shapes(List.copyOf(configs));
        for (int m = 0; m < configs.size(); m++) {
            List<Integer> shape = configs.get(m).kind().widths(configs.get(m), inputDim, labels);
            int g = shapes.widths.indexOf(shape);
            if (g < 0) {
                shapes.widths.add(shape);
                shapes.members.add(new ArrayList<>());
                g = shapes.widths.size() - 1;
            }
            shapes.members.get(g).add(m);
        }
        return shapes;
    }

    int size() {
        return widths.size();
    }

    /** Per group, its probes' layer widths, input first and label count last. */
    List<List<Integer>> widths() {
        return widths;
    }

    /** The members (indices into the configs) of group {@code g}, in slot order. */
    int[] members(int g) {
        return members.get(g).stream().mapToInt(Integer::intValue).toArray();
    }

    /** Per group, the L2 weight of each member, in slot order. */
    List<float[]> l2() {
        List<float[]> l2 = new ArrayList<>();
        for (List<Integer> group : members) {
            float[] weights = new float[group.size()];
            for (int slot = 0; slot < weights.length; slot++) {
                weights[slot] = (float) configs.get(group.get(slot)).l2();
            }
            l2.add(weights);
        }
        return l2;
    }

    long seed(int member) {
        return configs.get(member).seed();
    }
}
