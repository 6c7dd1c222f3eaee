package org.probelab.dsl

/**
 * Declares an experiment; every setting left out takes the paper's default:
 * ```
 * val exp = experiment("pos-by-layer") {
 *     model { bertBase() }
 *     layers = all                      // or layers(0, 4, 8, 12), layers(0..4)
 *     data { demoTreebank() }           // or ud("en_ewt"), conllu(dir), conllu(train, dev, test), tsv(...)
 *     task = pos                        // or xpos, dep, depFull, sentence, column(10)
 *     probes { mlp(); linear() }        // quick = true for a first look; seeds = 5; control() for selectivity, mdl()
 *     extraction { pooling = mean; sentencePooling = cls; float16 = false }
 *     stages { fineTune(task = pos) { epochs = 3; freeze(embeddings) } }   // probe before and after
 * }
 * ```
 * @throws DeclarationException naming the field to change, for anything knowable before the run
 */
fun experiment(name: String, declare: ExperimentBuilder.() -> Unit): ExperimentSpec =
    ExperimentBuilder(name).apply(declare).build()

/** The body of [experiment]. */
@ExperimentDsl
class ExperimentBuilder internal constructor(private val name: String) : TaskNames {
    private var model: ModelSpec = ModelSpec.BertBase
    private var data: DataSpec = DataSpec.Demo()
    private var probes: ProbesSpec = ProbesSpec()
    private var extraction: ExtractionSpec = ExtractionSpec()
    private var stages: List<StageSpec> = emptyList()

    /** The hidden states probed: [all], or set with [layers]. */
    var layers: LayerSelection = LayerSelection.All

    /** Every hidden state of the model, embeddings included. */
    val all: LayerSelection get() = LayerSelection.All

    /** Probes these hidden states (0 = embeddings), in ascending order. */
    fun layers(vararg states: Int) {
        layers = LayerSelection.Listed(states.distinct().sorted())
    }

    /** Probes the hidden states of [states], e.g. `layers(0..4)`. */
    fun layers(states: IntRange) {
        layers = LayerSelection.Listed(states.toList())
    }

    /** What is probed: [pos], [xpos], [dep], [depFull], [sentence] or [column]. */
    var task: TaskSpec = TaskSpec.Pos

    fun model(choose: ModelBuilder.() -> Unit) {
        model = ModelBuilder().apply(choose).build()
    }

    fun data(choose: DataBuilder.() -> Unit) {
        data = DataBuilder().apply(choose).build()
    }

    fun probes(configure: ProbesBuilder.() -> Unit) {
        probes = ProbesBuilder().apply(configure).build()
    }

    fun extraction(configure: ExtractionBuilder.() -> Unit) {
        extraction = ExtractionBuilder().apply(configure).build()
    }

    /**
     * Training stages run in order before probing, e.g.
     * `stages { fineTune(task = pos) { epochs = 3; learningRate = 2e-5; layerDecay = 0.95; freeze(embeddings) } }`;
     * the probes then run on the pretrained model and on every stage's snapshot.
     */
    fun stages(declare: StagesBuilder.() -> Unit) {
        stages = StagesBuilder().apply(declare).build()
    }

    internal fun build() = ExperimentSpec(name, model, data, task, layers, probes, extraction, stages)
}
