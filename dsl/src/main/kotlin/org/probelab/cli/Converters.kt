package org.probelab.cli

import org.probelab.model.ComputePrecision
import org.probelab.probe.ControlTask
import org.probelab.probe.ProbeKind
import org.probelab.represent.SentencePooling
import org.probelab.represent.Task
import org.probelab.represent.WordPooling
import org.probelab.data.Split
import picocli.CommandLine.ITypeConverter
import picocli.CommandLine.TypeConversionException
import java.time.Duration
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

/** A task name the engine knows (a column name is checked against the data when it is read); kept as text. */
class TaskConverter : ITypeConverter<String> {
    override fun convert(value: String): String = try {
        Task.checkName(value)
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

/** `--control`: a control task by its id (`word-types`, `shuffled-tokens`). */
class ControlTaskConverter : ITypeConverter<ControlTask> {
    override fun convert(value: String): ControlTask = ControlTask.values().firstOrNull { it.id() == value.trim() }
        ?: throw TypeConversionException("'$value' is not one of " + ControlTask.values().joinToString { it.id() })
}
class SplitConverter : LowercaseEnumConverter<Split>(Split::class.java)
class WordPoolingConverter : LowercaseEnumConverter<WordPooling>(WordPooling::class.java)
class SentencePoolingConverter : LowercaseEnumConverter<SentencePooling>(SentencePooling::class.java)
class ComputePrecisionConverter : LowercaseEnumConverter<ComputePrecision>(ComputePrecision::class.java)

/** `--older-than`: a number and a unit, `d` (days), `h` (hours) or `m` (minutes), e.g. `7d`. */
class AgeConverter : ITypeConverter<Duration> {
    override fun convert(value: String): Duration {
        val match = Regex("(\\d+)([dhm])").matchEntire(value.trim())
            ?: throw TypeConversionException("'$value' is not an age: use a number with d, h or m, e.g. 7d")
        val amount = match.groupValues[1].toLong()
        return when (match.groupValues[2]) {
            "d" -> Duration.ofDays(amount)
            "h" -> Duration.ofHours(amount)
            else -> Duration.ofMinutes(amount)
        }
    }
}

/** A count of at least one, e.g. `--parallel-layers`. */
class AtLeastOne : ITypeConverter<Int> {
    override fun convert(value: String): Int = value.toIntOrNull()?.takeIf { it >= 1 }
        ?: throw TypeConversionException("takes a whole number of at least 1, not '$value'")
}
