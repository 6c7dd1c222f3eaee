package org.probelab.cli

/** A command-line mistake; the CLI prints the message and the usage, never a stack trace. */
class UsageException(message: String) : RuntimeException(message)

/**
 * `--name value` and `--flag` options after a command word. Every option must be declared by the
 * command that reads it, so a typo is reported instead of ignored.
 */
class Args(argv: List<String>) {
    private val values = LinkedHashMap<String, String?>()
    private val read = HashSet<String>()

    init {
        var i = 0
        while (i < argv.size) {
            val arg = argv[i]
            if (!arg.startsWith("--")) throw UsageException("unexpected argument '$arg'")
            val eq = arg.indexOf('=')
            if (eq > 0) {
                values[arg.substring(2, eq)] = arg.substring(eq + 1)
            } else {
                val next = argv.getOrNull(i + 1)
                if (next != null && !next.startsWith("--")) {
                    values[arg.substring(2)] = next
                    i++
                } else {
                    values[arg.substring(2)] = null
                }
            }
            i++
        }
    }

    fun string(name: String, default: String): String = string(name) ?: default

    fun string(name: String): String? {
        read += name
        if (!values.containsKey(name)) return null
        return values[name] ?: throw UsageException("--$name needs a value")
    }

    fun int(name: String, default: Int): Int {
        val text = string(name) ?: return default
        return text.toIntOrNull() ?: throw UsageException("--$name takes a whole number, not '$text'")
    }

    fun flag(name: String): Boolean {
        read += name
        if (!values.containsKey(name)) return false
        if (values[name] != null) throw UsageException("--$name takes no value")
        return true
    }

    /** Fails on any option no one asked for. Call after reading all options. */
    fun rejectUnknown() {
        val unknown = values.keys - read
        if (unknown.isNotEmpty()) throw UsageException("unknown option(s): " + unknown.joinToString { "--$it" })
    }
}
