package org.probelab.kernel

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * `tools/native-log-filter.py`, which the `probelab` launcher puts on the JVM's stderr: TensorFlow's Abseil log
 * lines, which TF_CPP_MIN_LOG_LEVEL does not silence, go to the log file; everything else, progress bars redrawn
 * with carriage returns included, reaches the terminal unchanged.
 */
class NativeLogFilterTest {
    private val filter = Path.of(System.getProperty("basedir", ".")).resolve("../tools/native-log-filter.py").normalize()

    @Test
    fun `tensorflow's native log lines go to the log file and the rest passes unchanged`(@TempDir dir: Path) {
        val native = listOf(
            "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n",
            "I0000 00:00:1796143021.101827   23528 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled\n",
            "W1201 16:22:07.123456   23528 cpu_feature_guard.cc:210] This TensorFlow binary is optimized\n",
        )
        val user = listOf(
            "probelab: reading demo\n",
            "\rextract train          [###---] 50% 3/6 1s",
            "\rextract train          [######] 100% 6/6 2s\n",
            "Interrupted: kept 3 of 6 sentences\n",
            "WARNING: a line of our own\n",
        )
        val log = dir.resolve("logs/tensorflow.log")
        val process = ProcessBuilder("python3", filter.toString(), log.toString()).start()
        process.outputStream.use { input ->
            for (part in listOf(user[0], native[0], native[1], user[1], user[2], native[2], user[3], user[4])) {
                input.write(part.toByteArray())
                input.flush()
            }
        }
        val passed = process.errorStream.readAllBytes().toString(Charsets.UTF_8)
        process.waitFor(30, TimeUnit.SECONDS)

        assertEquals(0, process.exitValue())
        assertEquals(user.joinToString(""), passed)
        assertEquals(native.joinToString(""), Files.readString(log))
    }
}
