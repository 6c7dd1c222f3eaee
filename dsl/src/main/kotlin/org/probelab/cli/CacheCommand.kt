package org.probelab.cli

import org.probelab.io.CacheContents
import org.probelab.io.CacheContents.Kind
import org.probelab.io.CacheRoot
import org.probelab.represent.Representations
import picocli.CommandLine.Command
import picocli.CommandLine.Mixin
import picocli.CommandLine.Model.CommandSpec
import picocli.CommandLine.Option
import picocli.CommandLine.ParameterException
import picocli.CommandLine.Spec
import java.time.Duration
import java.time.Instant
import java.util.Locale
import java.util.concurrent.Callable

/** `probelab cache`: what the cache root holds, by kind, with sizes and ages; `cache remove` frees space. */
@Command(
    name = "cache",
    header = ["List what the cache holds, with sizes and ages; 'cache remove' frees space."],
    description = [
        "Lists every item of the cache root by kind: models (unpacked weights), data (downloaded treebanks), " +
            "vectors (one entry per model snapshot and data set), native (TensorFlow's native libraries) and " +
            "checksums, each with its size and age. The age of vectors is the time since a run last used them.",
    ],
    subcommands = [CacheCommand.Remove::class],
)
class CacheCommand : Callable<Int> {
    @Mixin
    lateinit var cache: CacheMixin

    override fun call(): Int {
        val root = CacheRoot.of(cache.root())
        val items = CacheContents.list(root)
        println("${root.dir()}: ${size(items.sumOf { it.bytes })} in ${items.size} items")
        if (items.isEmpty()) return 0
        val now = Instant.now()
        val table = Table(listOf("kind", "item", "size", "age"), leftColumns = 2)
        items.forEach { table.row(it.kind.label(), name(it), size(it.bytes), age(it.age(now))) }
        print(table)
        println("by kind: " + items.groupBy { it.kind }.entries.joinToString { (kind, ofKind) ->
            "${kind.label()} ${size(ofKind.sumOf { it.bytes })}"
        })
        return 0
    }

    /** `probelab cache remove --vectors --older-than 7d`. */
    @Command(
        name = "remove",
        header = ["Remove cached models, data, vectors or native libraries, optionally only old ones."],
        description = [
            "Removes every item of the kinds named (at least one) that is at least --older-than old. Vectors a " +
                "running command is extracting are removed once it has finished; this command waits, saying so. " +
                "What is removed is unpacked, downloaded or extracted again when next needed.",
        ],
    )
    class Remove : Callable<Int> {
        @Spec
        lateinit var command: CommandSpec

        @Mixin
        lateinit var cache: CacheMixin

        @Option(names = ["--models"], description = ["unpacked model weights"])
        var models = false

        @Option(names = ["--data"], description = ["downloaded data sets"])
        var data = false

        @Option(names = ["--vectors"], description = ["extracted vectors"])
        var vectors = false

        @Option(names = ["--native"], description = ["TensorFlow's native libraries"])
        var native = false

        @Option(names = ["--older-than"], paramLabel = "AGE", converter = [AgeConverter::class],
            description = ["only items at least this old: a number with d, h or m, e.g. 7d (default: any age)"])
        var olderThan: Duration = Duration.ZERO

        override fun call(): Int {
            val kinds = listOf(models to Kind.MODELS, data to Kind.DATA, vectors to Kind.VECTORS, native to Kind.NATIVE)
                .filter { it.first }.map { it.second }.toSet()
            if (kinds.isEmpty()) {
                throw ParameterException(command.commandLine(), "name what to remove: --models, --data, --vectors or --native")
            }
            val removed = CacheContents.remove(CacheRoot.of(cache.root()), kinds, olderThan, Instant.now()) { item ->
                System.err.println("waiting for a running command to finish with $item")
            }
            removed.forEach { println("removed ${it.kind.label()} ${it.path.fileName} (${size(it.bytes)})") }
            println("removed ${removed.size} items, ${size(removed.sumOf { it.bytes })}")
            return 0
        }
    }

    companion object {
        /** A vectors entry is named by a hash; what it holds says more. */
        private fun name(item: CacheContents.Item): String =
            if (item.kind == Kind.VECTORS) {
                item.path.fileName.toString().take(12) + "  " +
                    Representations.describe(item.path).orElse("(being written, or from an older version)")
            } else {
                item.path.fileName.toString()
            }

        /** Decimal units, as disk sizes are usually quoted: 1 MB = 10^6 bytes. */
        fun size(bytes: Long): String = when {
            bytes < 1_000 -> "$bytes B"
            bytes < 1_000_000 -> "%.0f KB".format(Locale.ROOT, bytes / 1e3)
            bytes < 1_000_000_000 -> "%.0f MB".format(Locale.ROOT, bytes / 1e6)
            else -> "%.1f GB".format(Locale.ROOT, bytes / 1e9)
        }

        fun age(age: Duration): String = when {
            age.toDays() >= 1 -> "${age.toDays()} d"
            age.toHours() >= 1 -> "${age.toHours()} h"
            else -> "${age.toMinutes()} min"
        }
    }
}
