package org.probelab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams the lines of a UTF-8 file with their numbers. Lines are split on bytes and decoded one
 * at a time with a strict decoder, so invalid UTF-8 is reported with the exact line it is on
 * (a Reader decodes ahead in blocks and cannot say where the bad bytes were).
 */
public final class Utf8Lines {
    /** Receives one line, without its terminator, and its 1-based number. */
    public interface Handler {
        void line(String text, long number);
    }

    private static final int CHUNK = 1 << 16;

    private Utf8Lines() {
    }

    public static void forEach(Path file, Handler handler) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[CHUNK];
            byte[] line = new byte[256];
            int lineLength = 0;
            long number = 1;
            int read;
            while ((read = in.read(chunk)) > 0) {
                for (int i = 0; i < read; i++) {
                    byte b = chunk[i];
                    if (b == '\n') {
                        handler.line(decode(file, number, decoder, line, lineLength), number);
                        number++;
                        lineLength = 0;
                    } else {
                        if (lineLength == line.length) {
                            line = Arrays.copyOf(line, line.length * 2);
                        }
                        line[lineLength++] = b;
                    }
                }
            }
            if (lineLength > 0) {
                handler.line(decode(file, number, decoder, line, lineLength), number);
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "file not found");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String decode(Path file, long number, CharsetDecoder decoder, byte[] bytes, int length) {
        int start = number == 1 && startsWithByteOrderMark(bytes, length) ? 3 : 0;
        int end = length > start && bytes[length - 1] == '\r' ? length - 1 : length;
        if (isAscii(bytes, start, end)) {
            return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.reset().decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file, number, "invalid UTF-8 (" + e.getMessage()
                    + "); re-encode the file as UTF-8");
        }
    }

    // Most treebank lines are ASCII; building those strings directly skips the decoder's buffers.
    private static boolean isAscii(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithByteOrderMark(byte[] bytes, int length) {
        return length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
    }
}
