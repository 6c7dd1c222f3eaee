package org.probelab;

/**
 * Marks an exception the engine throws on purpose: bad input, a missing file or download, weights or a
 * vocabulary it cannot use, a probe it cannot train. Its message alone tells the user what is wrong and where
 * (file and line, tensor, or field) and what to do, so front ends show just the message (one line in the CLI,
 * a short box in a notebook) and keep stack traces for real bugs.
 *
 * <p>Implemented by exception classes, never by other types; a new engine exception type implements it to get
 * the same treatment everywhere.
 */
public interface EngineError {
}
