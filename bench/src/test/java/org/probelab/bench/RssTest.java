package org.probelab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RssTest {
    @Test
    void readsKilobyteFieldAsMebibytes() {
        List<String> status = List.of("Name:\tjava", "VmHWM:\t  2048 kB", "VmRSS:\t  1024 kB");
        assertEquals(2.0, Rss.fieldMb(status, "VmHWM"));
        assertEquals(1.0, Rss.fieldMb(status, "VmRSS"));
    }

    @Test
    void missingFieldNamesTheField() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Rss.fieldMb(List.of("Name:\tjava"), "VmHWM"));
        assertTrue(e.getMessage().contains("VmHWM"), e.getMessage());
    }

    @Test
    void peakCoversCurrentAndGrowsWhenMemoryIsTouched() {
        double before = Rss.peakMb();
        // Off-heap and sized past the earlier peak, so touching it must raise the high-water mark
        // however much the JVM had resident before (no heap limit or earlier test can hide the growth).
        int blockMb = (int) Math.ceil(before - Rss.currentMb()) + 256;
        ByteBuffer block = ByteBuffer.allocateDirect(blockMb << 20);
        for (int i = 0; i < block.capacity(); i += 4096) {
            block.put(i, (byte) 1);
        }
        double after = Rss.peakMb();
        assertTrue(after >= Rss.currentMb() - 1, "peak " + after + " below current " + Rss.currentMb());
        assertTrue(after >= before + 200, "touching " + blockMb + " MiB moved the peak only from " + before + " to "
                + after + " MiB");
        assertEquals(1, block.get(0));
    }
}
