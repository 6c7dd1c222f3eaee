package org.probelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.model.WeightTensor;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The best evaluation's weights beside the checkpoints: evaluations do not force a checkpoint, so a best file can
 * be newer than the checkpoint; a resume must find the one the checkpoint's state names, and drop later ones.
 */
class CheckpointsTest {
    @TempDir
    Path dir;

    private static TrainerState at(long step, long bestStep) {
        return new TrainerState(step, 0, (int) step, 1.0, 0.5, bestStep, 0, false, TrainingCurves.empty());
    }

    /** A graph with one variable {@code w} of two floats, and its values. */
    private static VariableValues oneVariable(Graph graph, Session session) {
        Ops tf = Ops.create(graph);
        Variable<TFloat32> w = tf.withName("w").variable(Shape.of(2), TFloat32.class);
        return new VariableValues(session, tf, Map.of("w", w));
    }

    private static void set(VariableValues values, float value) {
        values.write(Map.of("w", new WeightTensor("w", new long[] {2}, FloatBuffer.wrap(new float[] {value, value}))),
                "test");
    }

    private static float valueOf(Map<String, WeightTensor> tensors) {
        return tensors.get("w").values().get(0);
    }

    private Set<String> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(Checkpoints.POINTER))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void aResumeFindsTheBestWeightsItsCheckpointNamesAndDropsLaterOnes() throws IOException {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            VariableValues values = oneVariable(graph, session);
            Checkpoints checkpoints = new Checkpoints(dir);
            assertTrue(checkpoints.resume().isEmpty());

            set(values, 1f);
            checkpoints.saveBest(values, 2);
            checkpoints.save(values, at(3, 2));
            set(values, 2f);
            checkpoints.saveBest(values, 5);
            set(values, 3f);
            checkpoints.saveBest(values, 6);
            // step 5's file is superseded; step 2's stays, the checkpoint names it
            assertEquals(Set.of("ckpt-000000003", "best-000000002.safetensors", "best-000000006.safetensors"),
                    entries());

            // killed here: the rerun continues from step 3, whose best weights are step 2's
            Checkpoints rerun = new Checkpoints(dir);
            TrainerState resumed = rerun.resume().orElseThrow().state();
            assertEquals(3, resumed.step());
            assertEquals(Set.of("ckpt-000000003", "best-000000002.safetensors"), entries());
            set(values, 9f);
            assertEquals(1f, valueOf(rerun.bestOrCurrent(values, resumed)));

            set(values, 4f);
            rerun.saveBest(values, 6);
            rerun.save(values, at(7, 6));
            assertEquals(Set.of("ckpt-000000007", "best-000000006.safetensors"), entries());
            assertEquals(4f, valueOf(rerun.bestOrCurrent(values, at(7, 6))));
            assertEquals(4f, valueOf(rerun.bestOrCurrent(values, at(7, -1))), "without an evaluation: the current");
        }
    }

    @Test
    void withoutACheckpointAResumeStartsAfreshAndDropsEveryBestFile() throws IOException {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            VariableValues values = oneVariable(graph, session);
            set(values, 1f);
            new Checkpoints(dir).saveBest(values, 4);
            assertEquals(Set.of("best-000000004.safetensors"), entries());

            assertTrue(new Checkpoints(dir).resume().isEmpty());
            assertEquals(Set.of(), entries());
        }
    }
}
