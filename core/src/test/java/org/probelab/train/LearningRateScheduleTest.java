package org.probelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warmupRisesLinearlyToThePeakThenDecaysLinearlyToZero() {
        LearningRateSchedule schedule = LearningRateSchedule.linearWarmupDecay(1e-3f, 10, 110);
        assertEquals(0f, schedule.at(0));
        assertEquals(5e-4f, schedule.at(5), 1e-9f);
        assertEquals(1e-3f, schedule.at(10), 1e-9f);
        assertEquals(5e-4f, schedule.at(60), 1e-9f);
        assertEquals(1e-5f, schedule.at(109), 1e-9f);
        assertEquals(0f, schedule.at(110));
        assertEquals(0f, schedule.at(1000));
    }

    @Test
    void withoutWarmupTheScheduleStartsAtThePeak() {
        assertEquals(2e-5f, LearningRateSchedule.linearWarmupDecay(2e-5f, 0, 100).at(0), 1e-12f);
    }

    @Test
    void constantScheduleNeverChanges() {
        LearningRateSchedule schedule = LearningRateSchedule.constant(3e-4f);
        assertEquals(3e-4f, schedule.at(0));
        assertEquals(3e-4f, schedule.at(1_000_000));
    }

    @Test
    void impossibleSchedulesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.linearWarmupDecay(1e-3f, 20, 10));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.linearWarmupDecay(0f, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(Float.NaN));
    }
}
