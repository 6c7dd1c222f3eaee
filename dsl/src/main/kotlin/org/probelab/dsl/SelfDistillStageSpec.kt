package org.probelab.dsl

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import org.probelab.train.Distillation
import org.probelab.train.SelfDistillSpec
import org.probelab.train.SelfDistillStage
import org.probelab.train.Stage

/**
 * Self-distillation (docs/distillation.md): a student of the teacher's architecture learns the teacher's task from
 * the teacher's softened outputs and the gold labels, loss α·T²·KL(teacher_T ‖ student_T) + (1 − α)·CE(gold).
 * The teacher is the stage before (a fine-tuning or another self-distillation stage); the student starts from
 * the model the teacher was fine-tuned from, or [student]. Defaults are core's [Distillation.DEFAULTS]: T = 2
 * (DistilBERT, Sanh et al. 2019), α = 0.5 (Xu et al. 2020).
 *
 * @property training how the student trains, as fine-tuning on the teacher's task; the head's pooling, sentence
 *                    feature and last-k layers are the teacher's
 */
@Serializable
@SerialName("self-distill")
data class SelfDistillStageSpec(
    val training: FineTuneStageSpec,
    val temperature: Double = DEFAULTS.temperature().toDouble(),
    val alpha: Double = DEFAULTS.alpha().toDouble(),
    val student: String? = null,
) : StageSpec() {
    init {
        try {
            distillation()
        } catch (e: IllegalArgumentException) {
            // Core names the setting ("self-distillation setting alpha must be ..."): point at the DSL field.
            val field = FIELD.find(e.message.orEmpty())?.groupValues?.get(1)
            throw DeclarationException(if (field == null) NAME else "$NAME.$field", e.message.orEmpty())
        }
    }

    override fun checkAgainst(model: ModelSpec, data: DataSpec, field: String) =
        training.checkAgainst(model, data, field)

    private fun distillation() = Distillation(temperature.toFloat(), alpha.toFloat())

    fun spec(): SelfDistillSpec = SelfDistillSpec(student, distillation(), training.settings())

    override fun toStage(): Stage = SelfDistillStage(spec())

    override fun toString() = "selfDistill(temperature = $temperature, alpha = $alpha)"

    internal companion object {
        const val NAME = "selfDistill"
        private val DEFAULTS: Distillation = Distillation.DEFAULTS
        private val FIELD = Regex("self-distillation setting (\\w+)")
    }
}

/**
 * The body of `selfDistill { }`: the distillation's [temperature] and [alpha], the [student]'s start, and the
 * student's training as `fineTune { }` has it (what is not set keeps fine-tuning's defaults).
 */
@ExperimentDsl
class SelfDistillBuilder internal constructor(task: TaskSpec) : FineTuneBuilder(task) {
    private val defaults = SelfDistillStageSpec(FineTuneStageSpec(task))

    /** T: both distributions are softened by it, and the soft term scaled by T² (Hinton et al. 2015). */
    var temperature: Double = defaults.temperature

    /** α in [0, 1]: the weight of the teacher's term; 1 learns from the teacher alone, 0 is plain fine-tuning. */
    var alpha: Double = defaults.alpha

    /** The model the student starts from (an id or a directory); null: the one the teacher was fine-tuned from. */
    var student: String? = defaults.student

    internal fun buildStage(): SelfDistillStageSpec {
        val training = try {
            build()
        } catch (e: DeclarationException) {
            // fineTune's settings, declared here: name them as this stage's.
            val problem = e.message.orEmpty().removePrefix("${e.field}: ")
            throw DeclarationException(e.field.replaceFirst("fineTune", SelfDistillStageSpec.NAME), problem)
        }
        return SelfDistillStageSpec(training, temperature, alpha, student)
    }
}
