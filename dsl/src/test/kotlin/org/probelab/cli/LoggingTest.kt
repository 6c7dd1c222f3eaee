package org.probelab.cli

import org.junit.jupiter.api.Test
import org.slf4j.LoggerFactory
import org.slf4j.helpers.NOPLoggerFactory
import org.junit.jupiter.api.Assertions.assertTrue

/** The CLI's classpath binds SLF4J, so Lets-Plot's logging prints neither a "no binder" warning nor log lines. */
class LoggingTest {
    @Test
    fun `slf4j is bound to the no-operation logger, not left unbound`() {
        // An unbound SLF4J 1.7 also answers with a NOPLoggerFactory, but only after printing its warning; the
        // binding's class is what tells the two apart.
        val binder = runCatching { Class.forName("org.slf4j.impl.StaticLoggerBinder") }.getOrNull()
        assertTrue(binder != null, "no SLF4J binding on the command line's classpath")
        assertTrue(LoggerFactory.getILoggerFactory() is NOPLoggerFactory)
    }
}
