package org.probelab.dsl.plots

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.nio.file.StandardOpenOption
import java.util.UUID

/** Writes [bytes] to a sibling temporary file and renames it, so a reader never sees half a figure. */
internal fun writeAtomically(target: Path, bytes: ByteArray) {
    val directory = target.toAbsolutePath().parent
    Files.createDirectories(directory)
    // Not Files.createTempFile: its owner-only permissions would survive the rename and hide a report from others.
    val temporary = directory.resolve(".${target.fileName}.${UUID.randomUUID()}.tmp")
    try {
        Files.write(temporary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
    } finally {
        Files.deleteIfExists(temporary)
    }
}
