package org.probelab.dsl

import kotlinx.serialization.EncodeDefault
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.Serializable
import org.probelab.probe.ControlTask
import org.probelab.probe.ProbingSpec

/**
 * A whole experiment as a value: what [experiment] declares, what a run directory's `spec.json`
 * holds, and what core's runner executes through [toProbingSpec]. A spec that exists is valid as
 * far as can be known without loading model or data: the constructors check every field.
 *
 * Later features (training stages, mask policies, geometry probes) arrive as new fields whose
 * defaults mean "not used", so existing notebooks and stored `spec.json` files keep working.
 */
@OptIn(ExperimentalSerializationApi::class)
@Serializable
data class ExperimentSpec(
    val name: String,
    val model: ModelSpec = ModelSpec.BertBase,
    val data: DataSpec = DataSpec.Demo(),
    val task: TaskSpec = TaskSpec.Pos,
    val layers: LayerSelection = LayerSelection.All,
    val probes: ProbesSpec = ProbesSpec(),
    val extraction: ExtractionSpec = ExtractionSpec(),
    /** Training stages run before probing; the probes then run on the pretrained model and every snapshot. */
    // Left out of the JSON while empty, so specs without stages keep their run directories (spec hashes).
    @EncodeDefault(EncodeDefault.Mode.NEVER)
    val stages: List<StageSpec> = emptyList(),
) {
    init {
        if (name.isBlank()) {
            throw DeclarationException("name", "give the experiment a name, e.g. experiment(\"pos-by-layer\") { ... }")
        }
        layers.checkAgainst(model)
        task.checkServableBy(data)
        if (probes.control == ControlTask.WORD_TYPES && task.wordColumn == null) {
            throw DeclarationException(
                "control",
                "the word-type control gives each word type a label, but task = $task labels whole sentences; " +
                    "use control(shuffledTokens)",
            )
        }
        stages.forEachIndexed { i, stage -> stage.checkAgainst(model, data, "stages[$i]") }
    }

    /** The same experiment in core's terms, for [org.probelab.probe.LayerProbing], on [modelSource]. */
    fun toProbingSpec(modelSource: String = model.source): ProbingSpec = ProbingSpec(
        modelSource,
        data.source,
        task.engineName,
        layers.engineLayers,
        probes.kinds,
        probes.search.quick,
        probes.seeds,
        extraction.toOptions(),
        probes.control,
        probes.mdl,
        probes.directProbe?.toSpec(),
    )

    /** The spec as pretty JSON, the content of a run's `spec.json`. */
    fun toJson(): String = ExperimentJson.format.encodeToString(serializer(), this)

    companion object {
        /** Reads a spec written by [toJson]; fields it lacks take their defaults. */
        fun fromJson(json: String): ExperimentSpec = ExperimentJson.format.decodeFromString(serializer(), json)
    }
}
