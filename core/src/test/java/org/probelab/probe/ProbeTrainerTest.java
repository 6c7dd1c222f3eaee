package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.probelab.Progress;
import org.probelab.represent.LabelledVectors;

class ProbeTrainerTest {
    private static final SyntheticVectors.Clusters CLUSTERS = new SyntheticVectors.Clusters(5, 32, 11);
    private static final LabelledVectors TRAIN = CLUSTERS.sample(2000, 1);
    private static final LabelledVectors DEV = CLUSTERS.sample(500, 2);
    private static final LabelledVectors TEST = CLUSTERS.sample(500, 3);

    private static final ProbeTrainer TRAINER = new ProbeTrainer("layer 3", Progress.NONE);

    private static ProbeConfig config(ProbeKind kind, int epochs) {
        return new ProbeConfig(kind, 32, 32, 1e-5, 1e-2, 64, epochs, 3, 7);
    }

    @Test
    void learnableClustersAreProbedAbove95PercentByLinearAndMlp() {
        for (ProbeKind kind : ProbeKind.values()) {
            Evaluation test = TRAINER.train(config(kind, 10), TRAIN, DEV).evaluate(TEST);
            assertTrue(test.accuracy() > 0.95, kind + " test accuracy " + test.accuracy());
            assertEquals(TEST.rows(), test.n());
        }
    }

    @Test
    void shuffledLabelsStayNearChanceOnTest() {
        LabelledVectors train = SyntheticVectors.shuffledLabels(TRAIN, 1);
        LabelledVectors dev = SyntheticVectors.shuffledLabels(DEV, 2);
        LabelledVectors test = SyntheticVectors.shuffledLabels(TEST, 3);
        for (ProbeKind kind : ProbeKind.values()) {
            double accuracy = TRAINER.train(config(kind, 10), train, dev).evaluate(test).accuracy();
            assertTrue(accuracy < 1.0 / 5 + 0.1, kind + " test accuracy on shuffled labels " + accuracy);
        }
    }
}
