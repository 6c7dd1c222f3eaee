package org.probelab.represent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfTest {

    @Test
    void everyHalfSurvivesARoundTripThroughFloat() {
        for (int bits = 0; bits <= 0xffff; bits++) {
            float value = Half.toFloat((short) bits);
            short back = Half.fromFloat(value);
            if (Float.isNaN(value)) {
                assertTrue(Float.isNaN(Half.toFloat(back)));
            } else {
                assertEquals(bits, back & 0xffff, "half bits " + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void knownValuesConvertExactly() {
        assertEquals(0x3c00, Half.fromFloat(1f) & 0xffff);
        assertEquals(0xc000, Half.fromFloat(-2f) & 0xffff);
        assertEquals(0x7bff, Half.fromFloat(65504f) & 0xffff, "largest half");
        assertEquals(0x7c00, Half.fromFloat(70000f) & 0xffff, "overflow is infinity");
        assertEquals(0x0001, Half.fromFloat(0x1p-24f) & 0xffff, "smallest subnormal");
        assertEquals(0x0000, Half.fromFloat(0x1p-26f) & 0xffff, "underflow is zero");
    }

    @Test
    void tiesRoundToEven() {
        float oneAndHalfUlp = 1f + 0x1p-11f;
        assertEquals(0x3c00, Half.fromFloat(oneAndHalfUlp) & 0xffff, "1 + ulp/2 rounds down to even 1");
        float threeHalvesUlp = 1f + 3 * 0x1p-11f;
        assertEquals(0x3c02, Half.fromFloat(threeHalvesUlp) & 0xffff, "1 + 3ulp/2 rounds up to even");
    }

    @Test
    void normalFloatsKeepElevenSignificantBits() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            float value = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(8) - 3));
            if (Math.abs(value) < 0x1p-14f || Math.abs(value) > 65504f) {
                continue;
            }
            float rounded = Half.toFloat(Half.fromFloat(value));
            assertEquals(value, rounded, Math.abs(value) * 0x1p-11f, "value " + value);
        }
    }
}
