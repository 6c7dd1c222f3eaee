package org.probelab.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A WordPiece vocabulary as in BERT's {@code vocab.txt}: one token per line, the id of a token is
 * its 0-based line index. Continuation pieces carry the {@code ##} prefix.
 */
public final class Vocab {
    /** Returned by {@link #id(String)} for a token not in the vocabulary. */
    public static final int ABSENT = -1;

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocab(List<String> tokens, Map<String, Integer> ids) {
        this.tokens = tokens;
        this.ids = ids;
    }

    /** A vocabulary of the given tokens, in id order; for tests and tiny models. */
    public static Vocab of(List<String> tokens) {
        List<String> copy = List.copyOf(tokens);
        Map<String, Integer> ids = new HashMap<>(copy.size() * 2);
        for (int id = 0; id < copy.size(); id++) {
            Integer earlier = ids.putIfAbsent(copy.get(id), id);
            if (earlier != null) {
                throw new VocabException("duplicate token '" + copy.get(id) + "' at index " + id
                        + " (first at index " + earlier + ")");
            }
        }
        return new Vocab(copy, ids);
    }

    /** Reads a UTF-8 {@code vocab.txt}; malformed content is reported with file:line. */
    public static Vocab read(Path vocabTxt) {
        try {
            return parse(Files.readAllBytes(vocabTxt), vocabTxt.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vocab file " + vocabTxt + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a UTF-8 {@code vocab.txt} from a stream (e.g. an archive entry), which is not closed.
     *
     * @param source names the stream in error messages, e.g. "model.zip!assets/vocab.txt"
     */
    public static Vocab read(InputStream in, String source) throws IOException {
        return parse(in.readAllBytes(), source);
    }

    private static Vocab parse(byte[] bytes, String source) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> tokens = new ArrayList<>(bytes.length / 6);
        Map<String, Integer> ids = new HashMap<>(bytes.length / 3);
        int lineStart = startsWithUtf8Bom(bytes) ? 3 : 0;
        while (lineStart < bytes.length) {
            int lineEnd = indexOfNewline(bytes, lineStart);
            int contentEnd = lineEnd > lineStart && bytes[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            int lineNo = tokens.size() + 1;
            String token = decodeLine(utf8, bytes, lineStart, contentEnd, source, lineNo);
            if (token.isEmpty()) {
                throw new VocabException(source + ":" + lineNo + ": empty line; every line of a vocab file"
                        + " must hold one token (ids are line numbers, so blank lines cannot be skipped)");
            }
            Integer earlier = ids.putIfAbsent(token, tokens.size());
            if (earlier != null) {
                throw new VocabException(source + ":" + lineNo + ": duplicate token '" + token
                        + "', first at line " + (earlier + 1));
            }
            tokens.add(token);
            lineStart = lineEnd + 1;
        }
        if (tokens.isEmpty()) {
            throw new VocabException(source + ": vocab file is empty");
        }
        return new Vocab(List.copyOf(tokens), ids);
    }

    /** Editors on Windows may prepend a byte-order mark; it is not part of the first token. */
    private static boolean startsWithUtf8Bom(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
    }

    private static int indexOfNewline(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    private static String decodeLine(CharsetDecoder utf8, byte[] bytes, int from, int to, String source, int lineNo) {
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new VocabException(source + ":" + lineNo + ": not valid UTF-8 (" + e + ");"
                    + " vocab files must be UTF-8 encoded", e);
        }
    }

    /** The id of {@code token}, or {@link #ABSENT}. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? ABSENT : id;
    }

    /** The id of {@code token}; fails with a clear message when the vocabulary lacks it. */
    public int requireId(String token) {
        int id = id(token);
        if (id == ABSENT) {
            throw new VocabException("vocabulary of " + size() + " tokens lacks the token '" + token + "'");
        }
        return id;
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** The token with this id. */
    public String token(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + size() + ")");
        }
        return tokens.get(id);
    }

    public int size() {
        return tokens.size();
    }
}
