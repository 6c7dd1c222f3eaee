package org.probelab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        byte[] block = new byte[256 << 20];
        for (int i = 0; i < block.length; i += 4096) {
            block[i] = 1;
        }
        double after = Rss.peakMb();
        assertTrue(after >= Rss.currentMb() - 1, "peak " + after + " below current " + Rss.currentMb());
        assertTrue(after >= before + 200 || before > 1024,
                "touching 256 MiB moved the peak only from " + before + " to " + after + " MiB");
        assertEquals(1, block[0]);
    }
}
