package org.probelab.text;

import org.probelab.EngineError;

import java.nio.file.Path;

/**
 * A data file that cannot be read as its format requires. The message starts with "file:line: "
 * (or "file: " when no single line is at fault) so the user can open the offending line.
 */
public class DataFormatException extends RuntimeException implements EngineError {
    public DataFormatException(Path file, long line, String reason) {
        super(file + ":" + line + ": " + reason);
    }

    public DataFormatException(Path file, String reason) {
        super(file + ": " + reason);
    }
}
