package org.probelab.cli

import org.probelab.probe.ProbeKind
import org.probelab.represent.SentencePooling
import org.probelab.represent.Task
import org.probelab.represent.WordPooling
import picocli.CommandLine.ITypeConverter
import picocli.CommandLine.TypeConversionException
import java.util.Locale

// Option text -> engine values. A converter's message becomes picocli's usage error
// "invalid value for option '--x': MESSAGE" (exit 2), so each says what the option accepts.

/** `--layers`: `all`, or numbers and ranges, e.g. `0,6,12` or `0-4,9`. No indices means all, as in the spec. */
class Layers(val indices: List<Int>) {
    companion object {
        val ALL = Layers(emptyList())

        fun parse(text: String): Layers {
            if (text == "all") return ALL
            return Layers(text.split(",").flatMap { part ->
                val numbers = part.trim().split("-").map {
                    it.trim().toIntOrNull() ?: throw TypeConversionException("'$part' is not a layer number or range")
                }
                when (numbers.size) {
                    1 -> numbers
                    2 -> (numbers[0]..numbers[1]).toList().ifEmpty { throw TypeConversionException("empty range '$part'") }
                    else -> throw TypeConversionException("'$part' is not a layer number or range")
                }
            })
        }
    }

    class Converter : ITypeConverter<Layers> {
        override fun convert(value: String) = parse(value)
    }
}

/** A task name the engine knows; kept as text, the spec's form. */
class TaskConverter : ITypeConverter<String> {
    override fun convert(value: String): String = try {
        Task.named(value)
        value
    } catch (e: IllegalArgumentException) {
        throw TypeConversionException(e.message)
    }
}

/** An enum constant by its name in any case; the message lists the names as users type them. */
abstract class LowercaseEnumConverter<E : Enum<E>>(private val type: Class<E>) : ITypeConverter<E> {
    override fun convert(value: String): E = type.enumConstants.firstOrNull { it.name.equals(value.trim(), ignoreCase = true) }
        ?: throw TypeConversionException("'$value' is not one of " + type.enumConstants.joinToString { it.name.lowercase(Locale.ROOT) })
}

class ProbeKindConverter : LowercaseEnumConverter<ProbeKind>(ProbeKind::class.java)
class WordPoolingConverter : LowercaseEnumConverter<WordPooling>(WordPooling::class.java)
class SentencePoolingConverter : LowercaseEnumConverter<SentencePooling>(SentencePooling::class.java)
