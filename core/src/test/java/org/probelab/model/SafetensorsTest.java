package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void writtenFileReadsBackBitForBitInOrder() {
        Weights weights = RandomWeights.of(RandomWeights.tinyConfig(), 11);
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(weights.asMap(), file);

        Map<String, WeightTensor> back = Safetensors.read(file);
        assertEquals(weights.names(), List.copyOf(back.keySet()));
        for (String name : weights.names()) {
            assertArrayEquals(weights.get(name).shape(), back.get(name).shape(), name);
            assertArrayEquals(RandomWeights.values(weights.get(name)), RandomWeights.values(back.get(name)), name);
        }
    }

    @Test
    void streamedTensorsGiveTheSameFileAsAMapAndAMismatchLeavesNoFile() throws IOException {
        Weights weights = RandomWeights.of(RandomWeights.tinyConfig(), 13);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        weights.asMap().forEach((name, t) -> shapes.put(name, t.shape()));
        Path streamed = dir.resolve("streamed.safetensors");
        Safetensors.write(shapes, sink -> {
            for (String name : weights.names()) {
                sink.put(name, weights.get(name).values());
            }
        }, streamed);
        Safetensors.write(weights.asMap(), dir.resolve("whole.safetensors"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("whole.safetensors")), Files.readAllBytes(streamed));

        String first = weights.names().get(0);
        String second = weights.names().get(1);
        Path broken = dir.resolve("broken.safetensors");
        IllegalStateException swapped = assertThrows(IllegalStateException.class,
                () -> Safetensors.write(shapes, sink -> sink.put(second, weights.get(second).values()), broken));
        assertTrue(swapped.getMessage().contains("tensor " + second) && swapped.getMessage().contains(first),
                swapped.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> Safetensors.write(shapes, sink -> sink.put(first, weights.get(first).values()), broken));
        assertTrue(missing.getMessage().contains(second + " were never handed over"), missing.getMessage());
        try (var left = Files.list(dir)) {
            assertEquals(List.of("streamed.safetensors", "whole.safetensors"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "no file, no temporary left");
        }
    }

    @Test
    void writtenDataStartsEightByteAligned() throws IOException {
        Safetensors.write(RandomWeights.of(RandomWeights.tinyConfig(), 12).asMap(), dir.resolve("a.safetensors"));
        byte[] bytes = Files.readAllBytes(dir.resolve("a.safetensors"));
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
    }

    @Test
    void float16AndBfloat16AreWidenedExactly() throws IOException {
        // IEEE half: 1, -2, 0.5, smallest subnormal 2^-24, largest finite 65504, +infinity
        short[] half = {0x3c00, (short) 0xc000, 0x3800, 0x0001, 0x7bff, 0x7c00};
        // bfloat16: 1, -2.5, 3.140625 (pi rounded to 8 mantissa bits), -0
        short[] bf16 = {0x3f80, (short) 0xc020, 0x4049, (short) 0x8000};
        Path file = dir.resolve("half.safetensors");
        writeRaw(file, "{\"h\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,12]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[12,20]},"
                + "\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[20,28]}}", shorts(half, bf16, 8));

        Safetensors.Contents contents = Safetensors.open(file);
        assertArrayEquals(new float[] {1f, -2f, 0.5f, (float) Math.pow(2, -24), 65504f, Float.POSITIVE_INFINITY},
                RandomWeights.values(contents.tensors().get("h")));
        assertArrayEquals(new long[] {2, 3}, contents.tensors().get("h").shape());
        float[] b = RandomWeights.values(contents.tensors().get("b"));
        assertArrayEquals(new float[] {1f, -2.5f, 3.140625f, -0f}, b);
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(b[3]), "the sign of zero survives");
        assertEquals(List.of("ids"), contents.skipped(), "integer buffers are not weights");
    }

    @Test
    void offsetsPastTheEndOfFileNameTheTensor() throws IOException {
        Path file = dir.resolve("short.safetensors");
        writeRaw(file, "{\"bert.pooler.dense.bias\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}",
                new byte[8]);
        WeightsException e = assertThrows(WeightsException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().contains("bert.pooler.dense.bias") && e.getMessage().contains(file.toString())
                && e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void byteRangeThatDisagreesWithTheShapeIsRejected() throws IOException {
        Path file = dir.resolve("mismatch.safetensors");
        writeRaw(file, "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]);
        WeightsException e = assertThrows(WeightsException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().contains("tensor w") && e.getMessage().contains("needs 12 bytes"), e.getMessage());
    }

    @Test
    void headerLengthBeyondTheFileIsRejected() throws IOException {
        Path file = dir.resolve("cut.safetensors");
        Safetensors.write(RandomWeights.of(RandomWeights.tinyConfig(), 13).asMap(), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, 40));
        WeightsException e = assertThrows(WeightsException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().contains("header length") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void invalidJsonHeaderIsReportedAsSuch() throws IOException {
        Path file = dir.resolve("bad.safetensors");
        writeRaw(file, "{\"w\": {\"dtype\": ", new byte[0]);
        WeightsException e = assertThrows(WeightsException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void unsupportedFloatTypeNamesTensorAndType() throws IOException {
        Path file = dir.resolve("f64.safetensors");
        writeRaw(file, "{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
        WeightsException e = assertThrows(WeightsException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().contains("tensor w") && e.getMessage().contains("F64"), e.getMessage());
    }

    private static byte[] shorts(short[] a, short[] b, int trailingBytes) {
        ByteBuffer buf = ByteBuffer.allocate(2 * (a.length + b.length) + trailingBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : a) {
            buf.putShort(s);
        }
        for (short s : b) {
            buf.putShort(s);
        }
        return buf.array();
    }

    private static void writeRaw(Path file, String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
        out.write(json);
        out.write(data);
        Files.write(file, out.toByteArray());
    }
}
