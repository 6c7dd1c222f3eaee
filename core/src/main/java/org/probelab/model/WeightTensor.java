package org.probelab.model;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One named float32 tensor of a model. {@code values} holds the elements in row-major order;
 * it may be a view of a memory-mapped file, so read it with absolute gets or a duplicate.
 */
public record WeightTensor(String name, long[] shape, FloatBuffer values) {
    public WeightTensor {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != values.remaining()) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape)
                    + " needs " + n + " values, got " + values.remaining());
        }
    }

    public long size() {
        return values.remaining();
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }
}
