package org.probelab.dsl

/**
 * Declares an experiment; every setting left out takes the paper's default:
 * ```
 * val exp = experiment("pos-by-layer") {
 *     model { bertBase() }
 *     layers = all                      // or layers(0, 4, 8, 12), layers(0..4)
 *     data { demoTreebank() }           // or ud("en_ewt"), conllu(dir), conllu(train, dev, test), tsv(...)
 *     task = pos                        // or xpos, dep, depFull, sentence, column(10)
 *     probes { mlp(); linear() }        // quick = true for a first look; seeds = 5; control() for selectivity
 *     extraction { pooling = mean; sentencePooling = cls; float16 = false }
 * }
 * ```
 * @throws DeclarationException naming the field to change, for anything knowable before the run
 */
fun experiment(name: String, declare: ExperimentBuilder.() -> Unit): ExperimentSpec =
    ExperimentBuilder(name).apply(declare).build()

/** The body of [experiment]. */
@ExperimentDsl
class ExperimentBuilder internal constructor(private val name: String) {
    private var model: ModelSpec = ModelSpec.BertBase
    private var data: DataSpec = DataSpec.Demo()
    private var probes: ProbesSpec = ProbesSpec()
    private var extraction: ExtractionSpec = ExtractionSpec()

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

    /** What is probed. */
    var task: TaskSpec = TaskSpec.Pos
    val pos: TaskSpec get() = TaskSpec.Pos
    val xpos: TaskSpec get() = TaskSpec.Xpos
    val dep: TaskSpec get() = TaskSpec.Dep
    val depFull: TaskSpec get() = TaskSpec.DepFull
    val sentence: TaskSpec get() = TaskSpec.SentenceLabel

    /** The label in word column [index] (0-based) of CoNLL-U-like data. */
    fun column(index: Int): TaskSpec = TaskSpec.Column(index)

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

    internal fun build() = ExperimentSpec(name, model, data, task, layers, probes, extraction)
}
