package org.probelab.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.probelab.io.AtomicFiles;

/**
 * Unpacks a zip into a cache directory exactly once. The zip goes to a temp directory beside the
 * target, a manifest of file sizes and SHA-256s is written last, and the directory is then renamed
 * into place, so a crash never leaves a directory that looks complete. On reuse the sizes are
 * checked against the manifest and a damaged directory is unpacked again.
 */
final class ZipUnpacker {
    static final String MANIFEST = "probelab-manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Opens the zip's bytes; called only when an unpack is needed. */
    interface Source {
        InputStream open() throws IOException;
    }

    /** One unpacked file. */
    record FileInfo(long size, String sha256) {
    }

    /** The manifest: where the files came from and what they were. */
    record Manifest(String source, Map<String, FileInfo> files) {
    }

    private ZipUnpacker() {
    }

    /** The unpacked directory {@code target}, unpacking {@code zip} into it unless a sound copy is there. */
    static Manifest unpackOnce(Source zip, String sourceName, Path target) {
        Manifest existing = intactManifest(target);
        if (existing != null) {
            return existing;
        }
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".unpacking-");
            try {
                Manifest manifest = unpack(zip, sourceName, tmp);
                Files.write(tmp.resolve(MANIFEST), JSON.writeValueAsBytes(manifest));
                shareReadable(tmp);
                replace(target, tmp);
                return manifest;
            } finally {
                AtomicFiles.deleteTree(tmp);
            }
        } catch (IOException e) {
            throw new WeightsException("cannot unpack " + sourceName + " into " + target + ": " + e.getMessage(), e);
        }
    }

    /** The manifest of {@code dir} if every file it lists is present with its recorded size, else null. */
    static Manifest intactManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Manifest manifest = JSON.readValue(file.toFile(), Manifest.class);
            for (Map.Entry<String, FileInfo> e : manifest.files().entrySet()) {
                Path f = dir.resolve(e.getKey());
                if (!Files.isRegularFile(f) || Files.size(f) != e.getValue().size()) {
                    return null;
                }
            }
            return manifest;
        } catch (IOException e) {
            return null;
        }
    }

    private static Manifest unpack(Source zip, String sourceName, Path into) throws IOException {
        Map<String, FileInfo> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(zip.open())) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path out = safeResolve(into, entry.getName(), sourceName);
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                files.put(into.relativize(out).toString().replace('\\', '/'), copyHashing(in, out));
            }
        }
        if (files.isEmpty()) {
            throw new IOException(sourceName + " is not a zip or holds no files");
        }
        return new Manifest(sourceName, files);
    }

    /** Rejects entries that would land outside {@code root} (zip slip): absolute paths and {@code ..}. */
    static Path safeResolve(Path root, String entryName, String sourceName) {
        String name = entryName.replace('\\', '/');
        boolean escapes = name.startsWith("/") || name.matches("^[A-Za-z]:.*")
                || ("/" + name + "/").contains("/../");
        Path resolved = root.resolve(name).normalize();
        if (escapes || !resolved.startsWith(root.normalize())) {
            throw new WeightsException("refusing to unpack " + sourceName + ": entry '" + entryName
                    + "' points outside the target directory");
        }
        return resolved;
    }

    private static FileInfo copyHashing(InputStream in, Path out) throws IOException {
        MessageDigest sha = sha256();
        long size = 0;
        byte[] buf = new byte[1 << 16];
        try (OutputStream o = Files.newOutputStream(out)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                o.write(buf, 0, n);
                sha.update(buf, 0, n);
                size += n;
            }
        }
        return new FileInfo(size, HexFormat.of().formatHex(sha.digest()));
    }

    /** Moves the complete temp directory into place; a damaged old copy is moved aside and deleted first. */
    private static void replace(Path target, Path complete) throws IOException {
        if (Files.exists(target)) {
            Path old = Files.createTempDirectory(target.toAbsolutePath().getParent(),
                    "." + target.getFileName() + ".broken-");
            Files.delete(old);
            Files.move(target, old);
            AtomicFiles.deleteTree(old);
        }
        try {
            Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // another process may have finished the same unpack first; its copy is as good as ours
            if (intactManifest(target) == null) {
                throw e;
            }
        }
    }

    /** Temp directories are created owner-only; the finished cache entry is readable like any unpacked file. */
    private static void shareReadable(Path dir) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
