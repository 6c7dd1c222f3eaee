package org.probelab.probe;

import org.probelab.geometry.DirectProbeOptions;

/**
 * DirectProbe (Zhou &amp; Srikumar, NAACL 2021) on every probed layer, as a run declares it: only what changes
 * the result (the worker threads do not, so they are not part of a spec and of its run directory's name).
 *
 * @param tolerance     two hulls closer than this overlap ({@link DirectProbeOptions#tolerance()})
 * @param dropConflicts drop training rows within the tolerance of a row of another label before clustering
 * @param clusterTest   also cluster the test split, so that its label-pair distances can be set against the
 *                      training split's (spatial similarity, Zhou &amp; Srikumar ACL 2022)
 */
public record DirectProbeSpec(double tolerance, boolean dropConflicts, boolean clusterTest) {
    /** The papers' settings: the stated tolerance, conflicts kept and reported, both splits clustered. */
    public static final DirectProbeSpec DEFAULTS = new DirectProbeSpec(DirectProbeOptions.DEFAULT_TOLERANCE, false, true);

    public DirectProbeSpec {
        options(tolerance, dropConflicts); // refuses a bad tolerance with the engine's own message
    }

    /** The engine's options: this spec's settings, the defaults for the rest, every processor. */
    public DirectProbeOptions options() {
        return options(tolerance, dropConflicts);
    }

    private static DirectProbeOptions options(double tolerance, boolean dropConflicts) {
        return DirectProbeOptions.DEFAULTS.withTolerance(tolerance).withDropConflicts(dropConflicts);
    }
}
