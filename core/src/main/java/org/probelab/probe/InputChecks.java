package org.probelab.probe;

import org.probelab.represent.LabelledVectors;

/** Rejects probe inputs that would make training meaningless or non-terminating, before any graph is built. */
final class InputChecks {
    private InputChecks() {
    }

    static void requireUsable(String subject, String split, LabelledVectors data, int expectedDim) {
        if (data.rows() == 0) {
            throw new ProbeTrainingException("the " + split + " split of " + subject + " has no rows");
        }
        if (data.dim() != expectedDim) {
            throw new ProbeTrainingException("the " + split + " vectors of " + subject + " have dimension "
                    + data.dim() + " but the training vectors have " + expectedDim);
        }
        int size = data.rows() * data.dim();
        for (int i = 0; i < size; i++) {
            float value = data.vectors().get(i);
            if (!Float.isFinite(value)) {
                throw new ProbeTrainingException("the " + split + " vectors of " + subject + " contain " + value
                        + " at row " + i / data.dim() + ", component " + i % data.dim()
                        + " (label '" + data.labels().get(i / data.dim()) + "'); re-extract the representations"
                        + " - probes need finite inputs");
            }
        }
    }
}
