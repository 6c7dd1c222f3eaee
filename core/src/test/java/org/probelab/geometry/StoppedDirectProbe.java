package org.probelab.geometry;

import org.probelab.Interruption;
import org.probelab.RunInterruptedException;

/**
 * A child JVM for {@link DirectProbeProgressTest}: a stop is asked for (as the CLI's Ctrl-C hook does, for the
 * whole process) and DirectProbe then runs with no progress reporter at all. Exit 3 when the run stopped with
 * {@link RunInterruptedException}, 0 when it ran to the end.
 */
public final class StoppedDirectProbe {
    private StoppedDirectProbe() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("stop")) {
            Interruption.request();
        }
        try {
            DirectProbe.run(DirectProbeProgressTest.overlapping(80, 5), DirectProbeOptions.DEFAULTS.withThreads(2));
        } catch (RunInterruptedException e) {
            System.exit(3);
        }
        System.exit(0);
    }
}
