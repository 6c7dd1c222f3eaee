package org.probelab.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The arithmetic of a forward pass. Weights and fetched hidden states stay float32 either way; with
 * {@link #BF16}, TensorFlow's graph rewrite runs the matrix multiplies and most element-wise ops in
 * bfloat16 (oneDNN on CPUs with AVX512_BF16 or AMX; mixed precision on a GPU).
 */
public enum ComputePrecision {
    FLOAT32("float32"),
    BF16("bf16");

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static Boolean cpuHasBf16;

    private final String label;

    ComputePrecision(String label) {
        this.label = label;
    }

    /** The name users write ({@code float32}, {@code bf16}). */
    public String label() {
        return label;
    }

    /** The precision named {@code label}, case-insensitive. */
    public static ComputePrecision of(String label) {
        for (ComputePrecision p : values()) {
            if (p.label.equals(label.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("precision '" + label + "' is not one of float32, bf16");
    }

    /**
     * Whether this CPU has bfloat16 instructions (AVX512_BF16 or AMX-BF16). Without them oneDNN emulates
     * bfloat16 and is slower than float32, so a {@link #BF16} request falls back to float32.
     */
    public static synchronized boolean cpuHasBf16() {
        if (cpuHasBf16 == null) {
            try {
                cpuHasBf16 = Files.isReadable(CPUINFO) && bf16Flags(Files.readAllLines(CPUINFO));
            } catch (IOException e) {
                cpuHasBf16 = false;
            }
        }
        return cpuHasBf16;
    }

    /** Whether the {@code flags} lines of a /proc/cpuinfo name a bfloat16 instruction set. */
    static boolean bf16Flags(List<String> cpuinfo) {
        return cpuinfo.stream()
                .filter(line -> line.startsWith("flags"))
                .flatMap(line -> List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")).stream())
                .anyMatch(flag -> flag.equals("avx512_bf16") || flag.equals("amx_bf16"));
    }
}
