package org.probelab.represent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.probelab.Progress;
import org.probelab.model.ComputePrecision;
import org.probelab.data.Dataset;

/** Vectors computed in bf16 are other vectors: the cache keeps them apart from float32 ones. */
class ComputePrecisionKeyTest {
    @TempDir
    Path cache;

    private final Dataset data = Fixtures.dataset("data-1",
            List.of(Fixtures.chain("s1", null, "hello", "world")), List.of(Fixtures.chain("d1", null, "four")),
            List.of(Fixtures.chain("t1", null, "six")));

    @Test
    void theEncodersComputePrecisionIsPartOfTheKey() throws IOException {
        FakeEncoder float32 = new FakeEncoder(16);
        FakeEncoder bf16 = new FakeEncoder(16) {
            @Override
            public ComputePrecision computePrecision() {
                return ComputePrecision.BF16;
            }
        };

        Representations first = extract(float32);
        Representations other = extract(bf16);
        FakeEncoder float32Again = new FakeEncoder(16);
        Representations again = extract(float32Again);

        assertNotEquals(first.key(), other.key());
        assertTrue(bf16.calls > 0, "the bf16 vectors are computed, not taken from the float32 entry");
        assertEquals(first.key(), again.key());
        assertEquals(0, float32Again.calls, "float32 vectors are reused as before");
    }

    private Representations extract(FakeEncoder encoder) throws IOException {
        return Extractor.extract(encoder, "fake", new FakeTokenizer(), data, Task.pos(), ExtractionOptions.DEFAULTS,
                cache, Progress.NONE);
    }
}
