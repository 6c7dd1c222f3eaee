package org.probelab.kernel

import com.fasterxml.jackson.databind.ObjectMapper
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * `tools/install-kotlin-kernel.sh` writes where the kernel and Maven read, the JVM's user.home, even when $HOME
 * points elsewhere (containers, CI jobs). The account's home is played by `-Duser.home` in JAVA_TOOL_OPTIONS, which
 * every JVM started (the script's own probe included) picks up, so the test touches no real home directory.
 */
class InstallKotlinKernelTest {
    private val root: Path = Path.of(System.getProperty("basedir", ".")).resolve("..").normalize()

    @Test
    fun `with HOME pointing elsewhere the library descriptor lands in the JVM's user home`(@TempDir dir: Path) {
        val account = Files.createDirectories(dir.resolve("account"))
        val elsewhere = Files.createDirectories(dir.resolve("elsewhere"))
        val prefix = dir.resolve("kernel")
        installedKernelJars(prefix.resolve("jars"))

        val process = ProcessBuilder("bash", root.resolve("tools/install-kotlin-kernel.sh").toString(), prefix.toString())
            .apply {
                environment()["HOME"] = elsewhere.toString()
                environment()["JAVA_TOOL_OPTIONS"] = "-Duser.home=$account"
                environment().remove("PROBELAB_USER_HOME")
            }
            .start()
        val stdout = process.inputStream.readAllBytes().toString(Charsets.UTF_8)
        val stderr = process.errorStream.readAllBytes().toString(Charsets.UTF_8)
        assertTrue(process.waitFor(60, TimeUnit.SECONDS))
        assertEquals(0, process.exitValue(), stderr)

        assertEquals(prefix.resolve("share/jupyter").toString(), stdout.trim())
        val descriptor = ObjectMapper().readTree(account.resolve(".jupyter_kotlin/libraries/probelab.json").toFile())
        assertTrue(descriptor.get("dependencies").get(0).asText().startsWith("org.probelab:probelab-kernel-integration:"))
        Files.walk(elsewhere).use { files -> assertEquals(listOf(elsewhere), files.toList(), "wrote under \$HOME") }
        // the jar is looked for in the ~/.m2 Maven installs into
        assertTrue("$account/.m2/repository/org/probelab/probelab-kernel-integration/" in stderr, stderr)

        val kernel = ObjectMapper().readTree(prefix.resolve("share/jupyter/kernels/probelab-kotlin/kernel.json").toFile())
        assertEquals(root.resolve("runs").toString(), kernel.get("env").get("PROBELAB_RUNS").asText())
        assertFalse(kernel.get("argv").any { it.asText().contains(elsewhere.toString()) })
    }

    /** The kernel's jars as the script leaves them after a download, so it downloads nothing. */
    private fun installedKernelJars(jars: Path) {
        Files.createDirectories(jars)
        val version = "0.11.0-398"
        Files.writeString(jars.resolve(".version"), "$version\n")
        for (name in listOf("kotlin-jupyter-lib-$version", "kotlin-jupyter-api-$version", "kotlin-stdlib-1.8.20",
            "kotlin-stdlib-jdk7-1.8.20", "kotlin-stdlib-jdk8-1.8.20", "kotlin-reflect-1.8.20", "kotlin-script-runtime-1.8.20")) {
            Files.createFile(jars.resolve("$name.jar"))
        }
    }
}
