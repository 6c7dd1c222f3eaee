package org.probelab.text;

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
        MessageDigest digest = digest();
        for (List<Sentence> split : splits) {
            for (Sentence sentence : split) {
                update(digest, sentence.id());
                update(digest, String.valueOf(sentence.label()));
                for (Word word : sentence.words()) {
                    update(digest, word.form());
                    update(digest, Integer.toString(word.head()));
                    for (String column : word.columns()) {
                        update(digest, column);
                    }
                    digest.update(RECORD);
                }
                digest.update(RECORD);
            }
            digest.update(GROUP);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update(FIELD);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
