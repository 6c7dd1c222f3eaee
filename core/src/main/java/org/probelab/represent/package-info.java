/**
 * Per-layer representations for probing: {@link org.probelab.represent.Extractor} pools an encoder's
 * hidden states into word, edge or sentence vectors for a {@link org.probelab.represent.Task} and caches
 * them on disk; {@link org.probelab.represent.Representations} reads a cache entry back as
 * {@link org.probelab.represent.LabelledVectors} per split and layer.
 *
 * <p>A cache entry is a directory named by the SHA-256 of its {@link org.probelab.represent.EntryKey key}
 * (weights, data, unit, pooling, precision, window — not the task, not the layers), holding
 * {@code manifest.json}, one {@code <split>.layer-NN.f32|f16} file per layer (word or sentence vectors ×
 * hidden, little-endian floats in data order) and {@code tasks/<task>.json} with each task's labels and rows.
 */
package org.probelab.represent;
