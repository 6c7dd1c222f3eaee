package org.probelab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 digests as lowercase hex, of files, bytes and the content of data sets. */
public final class Checksums {
    // Separators that cannot occur inside CoNLL-U fields, so different contents never hash alike.
    private static final byte FIELD = 0x1F;
    private static final byte RECORD = 0x1E;
    private static final byte GROUP = 0x1D;

    private Checksums() {
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static String sha256(Path file) {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to checksum it: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * A digest of what probing sees in the splits: ids, labels, forms, heads and all columns, in
     * order; the {@code source} paths are left out so the same data read from elsewhere hashes alike.
     */
    @SafeVarargs
    public static String ofSplits(List<Sentence>... splits) {
        FieldDigest digest = new FieldDigest();
        for (List<Sentence> split : splits) {
            for (Sentence sentence : split) {
                digest.field(sentence.id());
                digest.field(String.valueOf(sentence.label()));
                for (Word word : sentence.words()) {
                    digest.field(word.form());
                    digest.field(Integer.toString(word.head()));
                    for (String column : word.columns()) {
                        digest.field(column);
                    }
                    digest.separator(RECORD);
                }
                digest.separator(RECORD);
            }
            digest.separator(GROUP);
        }
        return digest.hex();
    }

    /**
     * Feeds UTF-8 fields to SHA-256 through one buffer: a treebank has millions of short fields, and
     * a digest call and a byte array per field would cost more than the hashing itself.
     */
    private static final class FieldDigest {
        private final MessageDigest digest = digest();
        private final byte[] buffer = new byte[1 << 16];
        private int used;

        void field(String text) {
            int length = text.length();
            if (used + length + 1 > buffer.length) {
                flush();
            }
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c >= 0x80 || used == buffer.length) {
                    appendEncoded(text, i);
                    break;
                }
                buffer[used++] = (byte) c;
            }
            separator(FIELD);
        }

        private void appendEncoded(String text, int from) {
            flush();
            digest.update(text.substring(from).getBytes(StandardCharsets.UTF_8));
        }

        void separator(byte value) {
            if (used == buffer.length) {
                flush();
            }
            buffer[used++] = value;
        }

        private void flush() {
            digest.update(buffer, 0, used);
            used = 0;
        }

        String hex() {
            flush();
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
