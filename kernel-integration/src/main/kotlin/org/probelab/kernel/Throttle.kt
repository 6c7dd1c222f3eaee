package org.probelab.kernel

/**
 * Lets events through at most once per interval, so a display is not flooded by an engine that reports
 * every sentence. The clock is a parameter so tests need not sleep.
 */
internal class Throttle(private val minIntervalNanos: Long, private val clock: () -> Long = System::nanoTime) {
    private var lastPassed: Long? = null

    /** Whether an event may go through now; [force] lets it through regardless (e.g. a final state). */
    fun tryPass(force: Boolean = false): Boolean {
        val now = clock()
        val last = lastPassed
        if (!force && last != null && now - last < minIntervalNanos) return false
        lastPassed = now
        return true
    }
}
