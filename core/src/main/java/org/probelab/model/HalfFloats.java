package org.probelab.model;

/** Widening of 16-bit floats (IEEE half precision and bfloat16) to float32; both conversions are exact. */
final class HalfFloats {
    private HalfFloats() {
    }

    /** bfloat16 is the upper half of a float32. */
    static float fromBfloat16(int bits) {
        return Float.intBitsToFloat(bits << 16);
    }

    /** IEEE 754 binary16: 1 sign, 5 exponent (bias 15), 10 mantissa bits. */
    static float fromFloat16(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) { // infinity or NaN: keep the payload
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) { // zero or subnormal: mantissa * 2^-24
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
