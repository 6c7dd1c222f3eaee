package org.probelab.represent;

/**
 * IEEE 754 half precision (binary16) conversion, for the FLOAT16 cache (Java 17 has no built-in one).
 * Rounds to nearest, ties to even; keeps infinities, NaN and subnormals.
 */
final class Half {
    private static final int FLOAT_EXPONENT_BIAS = 127;
    private static final int HALF_EXPONENT_BIAS = 15;
    private static final int HALF_INFINITY = 0x7c00;
    private static final int HALF_QUIET_NAN_BIT = 0x0200;

    private Half() {
    }

    static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (sign | HALF_INFINITY | (mantissa != 0 ? HALF_QUIET_NAN_BIT : 0));
        }
        int halfExponent = exponent - FLOAT_EXPONENT_BIAS + HALF_EXPONENT_BIAS;
        if (halfExponent >= 0x1f) {
            return (short) (sign | HALF_INFINITY);
        }
        if (halfExponent <= 0) {
            return (short) (sign | subnormal(exponent == 0 ? mantissa : mantissa | 0x800000, halfExponent));
        }
        // A carry out of the mantissa correctly bumps the exponent (up to infinity).
        return (short) (sign | roundShifted((halfExponent << 10) | (mantissa >>> 13), mantissa, 13));
    }

    static float toFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - HALF_EXPONENT_BIAS + FLOAT_EXPONENT_BIAS) << 23) | (mantissa << 13));
    }

    /** Half subnormals count units of 2^-24; {@code significand} carries the float's implicit bit. */
    private static int subnormal(int significand, int halfExponent) {
        int shift = 14 - halfExponent;
        if (shift > 24) {
            return 0;
        }
        return roundShifted(significand >>> shift, significand, shift);
    }

    private static int roundShifted(int truncated, int original, int shift) {
        int remainder = original & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        boolean roundUp = remainder > halfway || (remainder == halfway && (truncated & 1) == 1);
        return roundUp ? truncated + 1 : truncated;
    }
}
