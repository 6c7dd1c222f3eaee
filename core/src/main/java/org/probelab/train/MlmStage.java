package org.probelab.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.probelab.Versions;
import org.probelab.data.corpus.Corpora;
import org.probelab.data.corpus.Corpus;
import org.probelab.io.AtomicFiles;
import org.probelab.model.BertConfig;
import org.probelab.model.BertGraph;
import org.probelab.model.BertModel;
import org.probelab.model.Initializers;
import org.probelab.model.ModelSaver;
import org.probelab.model.PretrainedModel;
import org.probelab.model.WeightTensor;
import org.probelab.model.Weights;
import org.probelab.model.WeightsChecksum;
import org.probelab.text.BertTokenizer;
import org.probelab.train.mlm.DynamicMasking;
import org.probelab.train.mlm.MaskPolicy;
import org.probelab.train.mlm.MaskRule;
import org.probelab.train.mlm.MaskTokens;
import org.probelab.train.mlm.MaskedSequence;
import org.probelab.train.mlm.PackedSequence;
import org.probelab.train.mlm.SelectiveMasking;
import org.probelab.train.mlm.SequenceMarks;
import org.probelab.train.mlm.SequencePacker;
import org.probelab.train.selective.SelectiveMarking;
import org.tensorflow.op.Ops;

/**
 * A masked-LM stage: general pre-training from scratch, or further pre-training of the input model on
 * in-domain text (domain transfer) or on the task's own training text (task transfer). The corpus is packed
 * into sequences ({@link SequencePacker}), a slice of its documents held out; every epoch feeds each sequence
 * under the mask its {@link MaskPolicy} draws for it (static masking feeds its k copies). The held-out loss,
 * accuracy and perplexity are measured every epoch (or every N steps, and after the last) with one fixed mask — BERT's subword
 * masking drawn once, the same for every policy, so curves of different policies compare. The weights of the
 * lowest held-out loss — or, where the recipe ends in fine-tuning, of the best {@link DownstreamProbe} score —
 * become the snapshot, and patience stops the stage early. Selective masking ({@link MlmSpec#selective()})
 * makes its marks on the packed text before training. Checkpoints, Ctrl-C, divergence stops
 * and dropout are those of fine-tuning; masks and data order are pure functions of (seed, epoch), so a resumed
 * stage continues exactly where it stopped.
 */
public final class MlmStage implements Stage {
    /** The seed of the held-out slice's one mask, the same in every stage so that held-out losses compare. */
    static final long HELD_OUT_MASK_SEED = 15L;
    private static final MaskPolicy HELD_OUT_MASKING = new DynamicMasking(MaskRule.BERT);
    /** Where selective masking's classifier, tagger and marks are made, under the work directory. */
    private static final String SELECTIVE = "selective";
    /**
     * The marks a selectively masked stage trained with, kept beside its snapshot (per packed training sequence,
     * its marked positions; {@link SequenceMarks}).
     */
    public static final String SELECTIVE_MARKS = "selective-marks.json";
    /** Where the downstream probe's vectors are extracted while it scores a checkpoint, under the work directory. */
    private static final String DOWNSTREAM = "downstream-probe";

    private final MlmSpec spec;

    public MlmStage(MlmSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.kind().stageName();
    }

    @Override
    public MlmSpec spec() {
        return spec;
    }

    @Override
    public StageResult run(StageContext context) throws IOException {
        long started = System.nanoTime();
        MlmSettings declared = spec.settings();
        PretrainedModel input = context.input();
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(input.vocab(), input.lowerCase());
        Corpus corpus = spec.corpus() == null
                ? Corpora.trainText(context.data(), context.data().name() + " (train text)")
                : Corpora.open(spec.corpus());
        Corpus.Split split = corpus.split(declared.heldOutFraction());
        BertConfig config = config(input.config());
        int maxLength = Math.min(declared.maxSequenceLength(), config.maxPositionEmbeddings());
        List<PackedSequence> train = SequencePacker.pack(split.train(), tokenizer, maxLength, declared.documents());
        List<PackedSequence> heldOut = SequencePacker.pack(split.heldOut(), tokenizer, maxLength,
                declared.documents());
        SelectiveMasking selective = spec.selective() == null ? null : SelectiveMarking.prepare(spec.selective(),
                input, context.data(), train, declared.maskPolicy().rule(), context.workDir().resolve(SELECTIVE),
                context.device(), context.progress());
        MlmSettings settings = selective == null ? declared : declared.toBuilder().maskPolicy(selective).build();
        MaskTokens tokens = new MaskTokens(tokenizer.maskId(), config.vocabSize());
        int items = train.size() * settings.maskPolicy().copies();
        long totalSteps = (long) settings.epochs() * BatchPlan.stepsPerEpoch(items, settings.batchSize());
        Checkpoints checkpoints = new Checkpoints(context.workDir());
        Optional<Checkpoints.Loaded> resumed = checkpoints.resume();
        Weights startWeights = resumed.map(c -> Checkpoints.bertWeights(c.tensors(), c.dir().toString()))
                .orElseGet(() -> spec.architecture() == null ? input.weights()
                        : Initializers.random(config, settings.seed()));

        try (BertModel model = BertModel.create(config, startWeights, context.device(),
                BertGraph.Dropout.SWITCHABLE)) {
            MlmTrainer trainer = new MlmTrainer(model, settings, tokenizer.padId());
            MlmGraph graph = trainer.graph();
            Ops tf = Ops.create(graph.bert.inputIds().env());
            VariableValues state = new VariableValues(model.session(), tf, graph.checkpointVariables());
            VariableValues current = new VariableValues(model.session(), tf, graph.bert.variables());
            TrainerState progress = TrainerState.start();
            if (resumed.isPresent()) {
                Map<String, WeightTensor> rest = new LinkedHashMap<>(resumed.get().tensors());
                rest.keySet().removeAll(graph.bert.variables().keySet());
                state.write(rest, resumed.get().dir().toString());
                progress = resumed.get().state();
            }
            List<MaskedSequence> heldOutMasked = heldOut.stream()
                    .map(s -> HELD_OUT_MASKING.mask(s, 0, 0, HELD_OUT_MASK_SEED, tokens)).toList();
            Loop loop = new Loop(context, settings, model, tokenizer, trainer, train, heldOutMasked, tokens,
                    totalSteps, checkpoints, state, current);
            progress = loop.run(progress);
            Weights snapshot = Checkpoints.bertWeights(checkpoints.bestOrCurrent(current, progress),
                    checkpoints.bestOrigin(progress));
            ModelSaver.save(config, input.vocab(), input.lowerCase(), snapshot, context.snapshotDir(),
                    ModelSaver.Format.SAFETENSORS);
            if (selective != null) {
                AtomicFiles.write(context.snapshotDir().resolve(SELECTIVE_MARKS),
                        Files.readAllBytes(Path.of(selective.marks())));
            }
            return new StageResult(name(), spec, input.id() + "@" + input.checksum(),
                    corpus.name() + "@" + corpus.checksum(), WeightsChecksum.compute(snapshot), List.of(),
                    train.size(), 0, progress.step(), progress.bestStep() < 0 ? progress.step() : progress.bestStep(),
                    heldOutAccuracyAt(progress), progress.stoppedEarly(), FineTuneGroups.describe(graph.groups),
                    progress.curves(), context.device().describe(), Versions.all(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
        }
    }

    /** The input's shape, or the from-scratch architecture with the input's vocabulary and positions. */
    private BertConfig config(BertConfig input) {
        MlmSpec.Architecture a = spec.architecture();
        if (a == null) {
            return input;
        }
        return new BertConfig(input.vocabSize(), a.hiddenSize(), a.layers(), a.attentionHeads(),
                a.intermediateSize(), input.maxPositionEmbeddings(), input.typeVocabSize(), input.hiddenAct(),
                input.hiddenDropoutProb(), input.attentionProbsDropoutProb(), input.initializerRange(),
                input.layerNormEps());
    }

    /** The held-out masked-LM accuracy of the snapshot's step, -1 without an evaluation. */
    private static double heldOutAccuracyAt(TrainerState progress) {
        return progress.curves().evaluations().stream().filter(e -> e.step() == progress.bestStep())
                .mapToDouble(TrainingCurves.EvalPoint::devAccuracy).findFirst().orElse(-1);
    }

    /** The training loop of one run of the stage, from a given state to the end or an early stop. */
    private final class Loop {
        private final StageContext context;
        private final MlmSettings settings;
        private final BertModel model;
        private final BertTokenizer tokenizer;
        private final MlmTrainer trainer;
        private final List<PackedSequence> train;
        private final List<MaskedSequence> heldOut;
        private final MaskTokens tokens;
        private final long totalSteps;
        private final LearningRateSchedule schedule;
        private final Checkpoints checkpoints;
        private final VariableValues state;
        private final VariableValues current;
        /** Length of each item of an epoch: item i is copy i / n of sequence i % n. */
        private final int[] lengths;

        Loop(StageContext context, MlmSettings settings, BertModel model, BertTokenizer tokenizer, MlmTrainer trainer,
             List<PackedSequence> train, List<MaskedSequence> heldOut, MaskTokens tokens, long totalSteps,
             Checkpoints checkpoints, VariableValues state, VariableValues current) {
            this.context = context;
            this.settings = settings;
            this.model = model;
            this.tokenizer = tokenizer;
            this.trainer = trainer;
            this.train = train;
            this.heldOut = heldOut;
            this.tokens = tokens;
            this.totalSteps = totalSteps;
            this.schedule = settings.schedule(totalSteps);
            this.checkpoints = checkpoints;
            this.state = state;
            this.current = current;
            this.lengths = new int[train.size() * settings.maskPolicy().copies()];
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = train.get(i % train.size()).length();
            }
        }

        TrainerState run(TrainerState start) throws IOException {
            TrainerState s = start;
            while (s.epoch() < settings.epochs() && !s.stoppedEarly()) {
                List<int[]> batches = BatchPlan.epoch(lengths, settings.batchSize(), settings.seed(), s.epoch());
                for (int b = s.batchInEpoch(); b < batches.size() && !s.stoppedEarly(); b++) {
                    s = step(s, masked(batches.get(b), s.epoch()), b + 1);
                    if (settings.evalEverySteps() > 0 && s.step() % settings.evalEverySteps() == 0) {
                        s = evaluate(s);
                    }
                    checkpoints.afterStep(name(), s, totalSteps, settings.epochs(), settings.checkpointEverySteps(),
                            state, context.progress());
                }
                boolean lastEpoch = s.epoch() == settings.epochs() - 1;
                if (!s.stoppedEarly() && (settings.evalEverySteps() == 0 || lastEpoch && !evaluatedAt(s))) {
                    s = evaluate(s);
                }
                s = s.nextEpoch();
            }
            return s;
        }

        /** Whether the held-out slice was evaluated after the current step (so that the end need not again). */
        private static boolean evaluatedAt(TrainerState s) {
            List<TrainingCurves.EvalPoint> done = s.curves().evaluations();
            return !done.isEmpty() && done.get(done.size() - 1).step() == s.step();
        }

        /** The items of a batch under this epoch's masks. */
        private List<MaskedSequence> masked(int[] batch, int epoch) {
            List<MaskedSequence> out = new ArrayList<>(batch.length);
            for (int item : batch) {
                out.add(settings.maskPolicy().mask(train.get(item % train.size()), epoch, item / train.size(),
                        settings.seed(), tokens));
            }
            return out;
        }

        private TrainerState step(TrainerState s, List<MaskedSequence> batch, int nextBatch) {
            float rate = schedule.at(s.step());
            // Distinct per step and pass (the trainer adds the pass index), fixed by the stage seed.
            MlmTrainer.StepOutcome out = trainer.step(batch, rate, settings.seed() * 1_000_000_007L + s.step() * 1024);
            Divergence.check(name(), s, out.loss(), out.gradientNorm(), rate, settings.divergenceFactor(), checkpoints,
                    context.workDir());
            TrainingCurves.StepPoint point = new TrainingCurves.StepPoint(s.step(), s.epoch(), out.loss(), rate,
                    out.gradientNorm());
            return s.afterStep(point, nextBatch);
        }

        /**
         * Held-out loss (mean over masked positions) and accuracy, and the downstream probe's dev accuracy where the
         * recipe has one; the best so far — the highest downstream accuracy, else the lowest loss — is saved as the
         * snapshot candidate.
         */
        private TrainerState evaluate(TrainerState s) throws IOException {
            MlmTrainer.HeldOutScore score = trainer.evaluate(heldOut);
            Double downstream = spec.downstream() == null ? null : spec.downstream().score(model, tokenizer,
                    context.data(), context.workDir().resolve(DOWNSTREAM));
            TrainingCurves.EvalPoint point = new TrainingCurves.EvalPoint(s.step(), s.epoch(), score.loss(),
                    score.accuracy(), downstream);
            TrainerState after = s.afterEvaluation(point, downstream != null ? downstream : -score.loss(),
                    settings.patience());
            if (after.bestStep() != s.bestStep()) {
                checkpoints.saveBest(current, after.bestStep());
            }
            context.progress().note(String.format(Locale.ROOT,
                    "%s step %d: held-out masked-LM loss %.4f, accuracy %.3f, perplexity %.1f%s", name(), s.step(),
                    score.loss(), score.accuracy(), score.perplexity(), downstream == null ? ""
                            : String.format(Locale.ROOT, "; %s probe dev accuracy %.4f", spec.downstream().task(),
                            downstream)));
            return after;
        }
    }
}
