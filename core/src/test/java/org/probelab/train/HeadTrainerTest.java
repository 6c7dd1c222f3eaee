package org.probelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.model.BertGraph;
import org.probelab.model.BertModel;
import org.probelab.model.DeviceOptions;
import org.probelab.model.PretrainedModel;

/** HeadTrainer on its own, as the benchmarks use it: a fresh trainer steps without any other set-up. */
class HeadTrainerTest {
    @TempDir
    Path dir;

    @Test
    void aFreshTrainerInitialisesItsHeadAndTakesSteps() throws Exception {
        PretrainedModel pretrained = SyntheticTask.model(dir, SyntheticTask.config(), 3);
        List<TrainingExample> examples = List.of(
                new TrainingExample(new int[] {2, 5, 6, 3}, new int[][] {new int[0]}, new int[] {0}),
                new TrainingExample(new int[] {2, 7, 8, 9, 3}, new int[][] {new int[0]}, new int[] {1}));
        try (BertModel model = BertModel.create(pretrained.config(), pretrained.weights(), DeviceOptions.cpu(),
                BertGraph.Dropout.SWITCHABLE)) {
            HeadTrainer trainer = new HeadTrainer(model, HeadKind.SENTENCE_POOLER, 2, FineTuneSettings.DEFAULTS, 0);
            double first = trainer.step(examples, new int[] {0, 1}, 1e-3f, 0).loss();
            assertEquals(Math.log(2), first, 0.1, "a fresh head is close to uniform");
            double later = first;
            for (int s = 1; s < 20; s++) {
                later = trainer.step(examples, new int[] {0, 1}, 1e-3f, s).loss();
            }
            assertTrue(later < first / 2, "loss " + first + " -> " + later);
            assertEquals(1.0, trainer.evaluate(examples).accuracy());
        }
    }
}
