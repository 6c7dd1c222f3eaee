package org.probelab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimerTest {
    @Test
    void medianOfOddCountIsMiddleValueRegardlessOfOrder() {
        assertEquals(3.0, Timer.median(new double[] {9.0, 1.0, 3.0, 100.0, 2.0}));
    }

    @Test
    void medianOfEvenCountAveragesTheTwoMiddleValues() {
        assertEquals(2.5, Timer.median(new double[] {4.0, 1.0, 2.0, 3.0}));
    }

    @Test
    void medianDoesNotReorderTheCallersSamples() {
        double[] samples = {3.0, 1.0, 2.0};
        Timer.median(samples);
        assertEquals(3.0, samples[0]);
    }

    @Test
    void medianOfNoSamplesIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Timer.median(new double[0]));
    }

    @Test
    void warmupRunsExecuteButAreNotReturned() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        double[] samples = Timer.seconds(2, 3, calls::incrementAndGet);
        assertEquals(5, calls.get());
        assertEquals(3, samples.length);
    }

    @Test
    void secondsMeasuresTheActionsWallTime() throws Exception {
        double seconds = Timer.secondsOf(() -> Thread.sleep(50));
        assertTrue(seconds >= 0.049 && seconds < 5, "slept 50 ms, measured " + seconds + " s");
    }

    @Test
    void zeroTimedRunsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Timer.seconds(1, 0, () -> { }));
    }
}
