package org.probelab.cli

import org.probelab.model.CacheDir
import picocli.CommandLine.Option
import java.nio.file.Path

/** `--cache`, for every command that reads models, data or vectors. */
class CacheMixin {
    @Option(names = ["--cache"], paramLabel = "DIR",
        description = ["cache for models, data, vectors", "(default: \$PROBELAB_CACHE or ~/.cache/probelab)"])
    var cache: Path? = null

    fun root(): Path = cache ?: CacheDir.root()
}
