package org.probelab.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.probelab.Progress;
import org.probelab.model.DeviceOptions;
import org.probelab.model.PretrainedModel;
import org.probelab.train.mlm.DynamicMasking;
import org.probelab.train.mlm.SequencePacker;

/**
 * Text a tiny masked LM can learn fast: each line is about one word type, written {@code tN} or {@code uNx}
 * ({@code uN ##x}, two subwords) at random ({@code t3 u3x t3 t3 …}), so the other words of a line tell a
 * masked one.
 */
final class MlmFixtures {
    static final MlmSettings FAST = MlmSettings.FURTHER_PRETRAINING.toBuilder().batchSize(8).learningRate(1e-3f)
            .warmupFraction(0.1f).maskPolicy(new DynamicMasking()).maxSequenceLength(32)
            .documents(SequencePacker.Documents.KEEP_APART).build();

    private MlmFixtures() {
    }

    /** {@code lines} documents, one per line, of 6–12 words of one type each. */
    static Path topicText(Path file, int lines, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int l = 0; l < lines; l++) {
            int type = random.nextInt(SyntheticTask.TYPES);
            int n = 6 + random.nextInt(7);
            List<String> words = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                words.add(random.nextInt(3) == 0 ? "u" + type + "x" : "t" + type);
            }
            out.add(String.join(" ", words));
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, out);
    }

    static PretrainedModel model(Path dir) throws IOException {
        return SyntheticTask.model(dir, SyntheticTask.config(), 3);
    }

    static StageResult run(MlmSpec spec, Path run, Progress progress) throws IOException {
        return new MlmStage(spec).run(new StageContext(model(run.resolve("model")), SyntheticTask.data(40, 8, 5),
                run.resolve("snapshot"), run.resolve("work"), DeviceOptions.cpu().withThreads(1, 1), progress));
    }
}
