package org.probelab.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.probelab.io.AtomicFiles;

/**
 * Hugging Face safetensors files: an 8-byte little-endian header length, a JSON header giving each
 * tensor's dtype, shape and byte range, then the raw data. F32 tensors are views of the
 * memory-mapped file; F16 and BF16 are widened to float32 on the heap. Tensor names are kept as in
 * the file (see {@link HfNames} for BERT's).
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = "__metadata__";
    /** Integer buffers some exporters include (e.g. {@code position_ids}); never model weights. */
    private static final Set<String> NON_FLOAT_DTYPES = Set.of("I64", "I32", "I16", "I8", "U64", "U32", "U16", "U8",
            "BOOL");
    private static final long MAX_HEADER_BYTES = 100L << 20;

    /** The float tensors of a file and the names of the integer tensors left out. */
    public record Contents(Map<String, WeightTensor> tensors, List<String> skipped) {
    }

    private Safetensors() {
    }

    /** The float tensors of {@code file}, in header order. */
    public static Map<String, WeightTensor> read(Path file) {
        return open(file).tensors();
    }

    public static Contents open(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (fileSize < 8 || channel.read(lengthBytes, 0) != 8) {
                throw malformed(file, "it is " + fileSize + " bytes, too short for the 8-byte header length");
            }
            long headerLength = lengthBytes.getLong(0);
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > fileSize) {
                throw malformed(file, "header length " + headerLength + " does not fit the file of " + fileSize
                        + " bytes (truncated or not a safetensors file)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            channel.read(header, 8);
            JsonNode root = parseHeader(file, header.array());
            long dataStart = 8 + headerLength;
            Map<String, WeightTensor> tensors = new LinkedHashMap<>();
            List<String> skipped = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals(METADATA)) {
                    continue;
                }
                TensorInfo info = TensorInfo.parse(file, e.getKey(), e.getValue(), fileSize - dataStart);
                if (NON_FLOAT_DTYPES.contains(info.dtype)) {
                    skipped.add(e.getKey());
                    continue;
                }
                tensors.put(e.getKey(), info.load(channel, dataStart));
            }
            return new Contents(tensors, List.copyOf(skipped));
        } catch (NoSuchFileException e) {
            throw new WeightsException("safetensors file " + file + " does not exist");
        } catch (IOException e) {
            throw new WeightsException("cannot read safetensors file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code tensors} as F32 under their map keys, atomically. */
    public static void write(Map<String, WeightTensor> tensors, Path file) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((name, t) -> shapes.put(name, t.shape()));
        write(shapes, sink -> {
            for (Map.Entry<String, WeightTensor> e : tensors.entrySet()) {
                sink.put(e.getKey(), e.getValue().values());
            }
        }, file);
    }

    /** Where {@link #write(Map, Source, Path)} takes the values from, tensor after tensor in header order. */
    @FunctionalInterface
    public interface Source {
        void writeTo(Sink sink) throws IOException;
    }

    /** Takes the values of the next tensor of the header. */
    @FunctionalInterface
    public interface Sink {
        void put(String name, FloatBuffer values) throws IOException;
    }

    /**
     * Writes tensors of the given names and shapes as F32, atomically, with the values streamed from
     * {@code values} in the order of {@code shapes}: only the tensor being written need be in memory, so a
     * training graph's variables can be saved group by group instead of all at once.
     *
     * @throws IllegalStateException when {@code values} hands over other tensors, or other sizes, than declared
     */
    public static void write(Map<String, long[]> shapes, Source values, Path file) {
        ObjectNode header = JSON.createObjectNode();
        header.putObject(METADATA).put("format", "pt");
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            ArrayNode shape = t.putArray("shape");
            Arrays.stream(e.getValue()).forEach(shape::add);
            long end = offset + Arrays.stream(e.getValue()).reduce(1, Math::multiplyExact) * Float.BYTES;
            t.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        try {
            byte[] json = JSON.writeValueAsBytes(header);
            // pad with spaces so the data starts 8-byte aligned, as the reference implementation does
            int padded = (json.length + 7) / 8 * 8;
            byte[] headerBytes = Arrays.copyOf(json, padded);
            Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
            AtomicFiles.write(file, out -> {
                out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
                out.write(headerBytes);
                Iterator<Map.Entry<String, long[]>> expected = shapes.entrySet().iterator();
                values.writeTo((name, floats) -> {
                    Map.Entry<String, long[]> next = expected.hasNext() ? expected.next() : null;
                    if (next == null || !next.getKey().equals(name)
                            || floats.remaining() != Arrays.stream(next.getValue()).reduce(1, Math::multiplyExact)) {
                        throw new IllegalStateException(file + ": tensor " + name + " of " + floats.remaining()
                                + " values handed over where the header declares "
                                + (next == null ? "no more tensors" : next.getKey() + " " + Arrays.toString(next.getValue())));
                    }
                    out.write(TfCheckpoint.littleEndianBytes(floats).array());
                });
                if (expected.hasNext()) {
                    throw new IllegalStateException(file + ": the values of " + expected.next().getKey()
                            + " were never handed over");
                }
            });
        } catch (IOException e) {
            throw new WeightsException("cannot write safetensors file " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parseHeader(Path file, byte[] header) {
        try {
            JsonNode root = JSON.readTree(new String(header, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                throw malformed(file, "the header is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed(file, "the header is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static WeightsException malformed(Path file, String why) {
        return new WeightsException("malformed safetensors file " + file + ": " + why);
    }

    /** One header entry, validated against the data size. */
    private record TensorInfo(Path file, String name, String dtype, long[] shape, long begin, long end) {
        static TensorInfo parse(Path file, String name, JsonNode node, long dataSize) {
            JsonNode dtype = node.get("dtype");
            JsonNode shape = node.get("shape");
            JsonNode offsets = node.get("data_offsets");
            if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                    || !offsets.isArray() || offsets.size() != 2) {
                throw malformed(file, "tensor " + name + " needs dtype, shape and two data_offsets, has " + node);
            }
            long[] dims = new long[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = shape.get(i).asLong(-1);
                if (dims[i] < 0) {
                    throw malformed(file, "tensor " + name + " has a bad shape " + shape);
                }
            }
            long begin = offsets.get(0).asLong(-1);
            long end = offsets.get(1).asLong(-1);
            if (begin < 0 || end < begin || end > dataSize) {
                throw malformed(file, "tensor " + name + " has data_offsets [" + begin + ", " + end
                        + "] outside the " + dataSize + " data bytes (truncated file?)");
            }
            TensorInfo info = new TensorInfo(file, name, dtype.asText(), dims, begin, end);
            long needed;
            try {
                needed = Math.multiplyExact(info.count(), info.bytesPerElement());
            } catch (ArithmeticException e) {
                throw malformed(file, "tensor " + name + " has an impossibly large shape " + shape);
            }
            if (needed >= 0 && end - begin != needed) {
                throw malformed(file, "tensor " + name + " of dtype " + info.dtype + " and shape "
                        + Arrays.toString(dims) + " needs " + needed + " bytes, its data_offsets span " + (end - begin));
            }
            return info;
        }

        long count() {
            return Arrays.stream(shape).reduce(1, Math::multiplyExact);
        }

        /** -1 for an unknown dtype; its size is checked when it is loaded, which rejects it. */
        long bytesPerElement() {
            return switch (dtype) {
                case "F32", "I32", "U32" -> 4;
                case "F16", "BF16", "I16", "U16" -> 2;
                case "I64", "U64", "F64" -> 8;
                case "I8", "U8", "BOOL" -> 1;
                default -> -1;
            };
        }

        WeightTensor load(FileChannel channel, long dataStart) throws IOException {
            ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, end - begin)
                    .order(ByteOrder.LITTLE_ENDIAN);
            FloatBuffer values = switch (dtype) {
                case "F32" -> bytes.asFloatBuffer();
                case "F16" -> widen(bytes, HalfFloats::fromFloat16);
                case "BF16" -> widen(bytes, HalfFloats::fromBfloat16);
                default -> throw new WeightsException("safetensors file " + file + ": tensor " + name
                        + " has dtype " + dtype + "; only F32, F16 and BF16 weights are supported");
            };
            return new WeightTensor(name, shape, values);
        }

        private static FloatBuffer widen(ByteBuffer bytes, java.util.function.IntToDoubleFunction convert) {
            float[] out = new float[bytes.remaining() / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) convert.applyAsDouble(Short.toUnsignedInt(bytes.getShort(2 * i)));
            }
            return FloatBuffer.wrap(out);
        }
    }
}
