package org.probelab.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.probelab.represent.LabelledVectors;

class RowSampleTest {
    private static final LabelledVectors DATA = new SyntheticVectors.Clusters(4, 8, 1).sample(200, 1);

    @Test
    void sampledRowsKeepTheirVectorsAndLabelsWithoutRepeats() {
        LabelledVectors sample = RowSample.of(DATA, 50, 9);
        assertEquals(50, sample.rows());
        Map<String, Integer> originalRow = new HashMap<>();
        float[] row = new float[DATA.dim()];
        for (int i = 0; i < DATA.rows(); i++) {
            DATA.row(i, row);
            originalRow.put(java.util.Arrays.toString(row), i);
        }
        int previous = -1;
        for (int i = 0; i < sample.rows(); i++) {
            sample.row(i, row);
            Integer source = originalRow.get(java.util.Arrays.toString(row));
            assertTrue(source != null && source > previous, "row " + i + " is not a later original row");
            assertEquals(DATA.labels().get(source), sample.labels().get(i));
            previous = source;
        }
    }

    @Test
    void theSameSeedDrawsTheSameRows() {
        float[] first = new float[DATA.dim()];
        float[] second = new float[DATA.dim()];
        LabelledVectors a = RowSample.of(DATA, 30, 4);
        LabelledVectors b = RowSample.of(DATA, 30, 4);
        for (int i = 0; i < 30; i++) {
            a.row(i, first);
            b.row(i, second);
            assertArrayEquals(first, second);
        }
    }

    @Test
    void askingForAllRowsOrMoreReturnsTheDataUnchanged() {
        assertSame(DATA, RowSample.of(DATA, DATA.rows(), 1));
        assertSame(DATA, RowSample.of(DATA, 10_000, 1));
    }
}
