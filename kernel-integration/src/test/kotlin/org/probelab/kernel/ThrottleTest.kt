package org.probelab.kernel

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class ThrottleTest {
    private var now = 1_000L
    private val throttle = Throttle(100) { now }

    @Test
    fun `passes the first event, then one per interval`() {
        val passed = (0 until 10).map { step ->
            now = 1_000L + step * 30
            throttle.tryPass()
        }
        // at t = 0, 30, ..., 270: passes at 0, 120 (>= 100 after 0) and 240
        assertEquals(listOf(true, false, false, false, true, false, false, false, true, false), passed)
    }

    @Test
    fun `a forced event passes and starts a new interval`() {
        throttle.tryPass()
        now += 10
        assertEquals(true, throttle.tryPass(force = true))
        now += 95
        assertEquals(false, throttle.tryPass())
        now += 5
        assertEquals(true, throttle.tryPass())
    }
}
