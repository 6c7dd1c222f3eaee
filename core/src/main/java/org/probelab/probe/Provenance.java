package org.probelab.probe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a result came from, enough to trace and re-run it: the spec is stored beside it, this
 * records what the spec resolved to on the machine that ran it.
 *
 * @param modelId            the model as loaded (id or directory)
 * @param modelChecksum      SHA-256 identifying the weights
 * @param dataName           the data set's name
 * @param dataChecksum       SHA-256 over the data set's content
 * @param rows               probed rows per split (train, dev, test)
 * @param representationKey  the cache entry holding the vectors
 * @param device             where the graph ran and with how many threads
 * @param versions           probelab, TensorFlow, Java, OS
 * @param startedAt          ISO-8601 instant the run started
 * @param seconds            wall time per step (load, extract, probe)
 */
public record Provenance(String modelId, String modelChecksum, String dataName, String dataChecksum,
                         Map<String, Long> rows, String representationKey, String device,
                         Map<String, String> versions, String startedAt, Map<String, Double> seconds) {
    public Provenance {
        rows = ordered(rows);
        versions = ordered(versions);
        seconds = ordered(seconds);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
