package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.probelab.Progress;

class ConcurrentLayersTest {
    @Test
    void twoLayersRunAtOnceAndResultsComeInLayerOrder() throws IOException {
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<String> results = ConcurrentLayers.run(new int[] {3, 5, 7}, 2, "probe mlp layers", Progress.NONE,
                (layer, progress) -> {
                    bothStarted.countDown();
                    try {
                        // Layer 3 waits for layer 5 to start: probed one after the other, it would time out.
                        boolean together = bothStarted.await(layer == 3 ? 20 : 0, TimeUnit.SECONDS);
                        return "layer " + layer + (layer == 3 ? " together " + together : "");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
        assertEquals(List.of("layer 3 together true", "layer 5", "layer 7"), results);
    }

    /** The most layers that ran at the same time when {@code layers} layers are probed {@code atOnce} at a time. */
    private static int mostAtOnce(int layers, int atOnce) throws IOException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch firstOnes = new CountDownLatch(atOnce);
        int[] all = new int[layers];
        Arrays.setAll(all, i -> i);
        ConcurrentLayers.run(all, atOnce, "probe mlp layers", Progress.NONE, (layer, progress) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            firstOnes.countDown();
            try {
                // The first layers wait until as many have started as may run at once (a few seconds at most).
                firstOnes.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            running.decrementAndGet();
            return layer;
        });
        return most.get();
    }

    @Test
    void asManyLayersRunAtOnceAsTheSettingSaysAndNoMore() throws IOException {
        assertEquals(1, mostAtOnce(3, 1));
        assertEquals(3, mostAtOnce(5, 3));
    }

    @Test
    void progressIsOneTaskCountingFinishedLayersWithTheRunningOnesInItsNote() throws IOException {
        List<String> updates = Collections.synchronizedList(new ArrayList<>());
        Progress recording = new Progress() {
            @Override
            public void update(String task, long done, long total) {
                updates.add(task + " " + done + "/" + total);
            }

            @Override
            public void update(String task, long done, long total, String note) {
                updates.add(task + " " + done + "/" + total + (note.isEmpty() ? "" : " (" + note + ")"));
            }
        };
        ConcurrentLayers.run(new int[] {0, 1}, 2, "probe mlp layers", recording, (layer, progress) -> {
            progress.update("probe layer " + layer + " halving", 0, 7);
            return layer;
        });
        assertEquals("probe mlp layers 0/2", updates.get(0));
        assertEquals("probe mlp layers 2/2", updates.get(updates.size() - 1));
        assertTrue(updates.stream().allMatch(u -> u.startsWith("probe mlp layers ")), updates.toString());
        assertTrue(updates.stream().anyMatch(u -> u.matches("probe mlp layers [01]/2 \\(layers? .*running\\)")),
                updates.toString());
    }

    @Test
    void aFailingLayerLetsTheRunningOneFinishStartsNoOtherAndIsRethrown() {
        List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch failing = new CountDownLatch(1);
        IOException thrown = assertThrows(IOException.class, () -> ConcurrentLayers.run(new int[] {0, 1, 2, 3}, 2,
                "probe mlp layers", Progress.NONE, (layer, progress) -> {
                    try {
                        if (layer == 0) {
                            secondStarted.await(20, TimeUnit.SECONDS);
                            failing.countDown();
                            throw new IOException("layer 0: unreadable vectors");
                        }
                        secondStarted.countDown();
                        failing.await(20, TimeUnit.SECONDS);
                        Thread.sleep(200); // layer 0's failure is recorded before this layer ends
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    finished.add(layer);
                    return layer;
                }));
        assertEquals("layer 0: unreadable vectors", thrown.getMessage());
        assertEquals(List.of(1), finished, "layer 1 was running and finished; layers 2 and 3 never started");
    }

    @Test
    void aSingleLayerReportsItsOwnProgress() throws IOException {
        List<String> tasks = new ArrayList<>();
        ConcurrentLayers.run(new int[] {4}, 2, "probe mlp layers", (task, done, total) -> tasks.add(task),
                (layer, progress) -> {
                    progress.update("probe layer 4 halving", 0, 7);
                    return layer;
                });
        assertEquals(List.of("probe layer 4 halving"), tasks);
    }
}
