package org.probelab.represent;

/**
 * What one split yielded.
 *
 * @param rows              vectors extracted
 * @param unlabelledSkipped words (or sentences) not probed because their label is {@code _} or missing,
 *                          or, for edges, their head is unknown
 * @param rootEdgesSkipped  root edges not probed because the root has no head word
 */
public record ExtractionStats(long rows, long unlabelledSkipped, long rootEdgesSkipped) {
}
