package org.probelab.train;

import java.io.IOException;
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
import org.probelab.model.BertConfig;
import org.probelab.model.BertGraph;
import org.probelab.model.BertModel;
import org.probelab.model.Initializers;
import org.probelab.model.ModelSaver;
import org.probelab.model.PretrainedModel;
import org.probelab.model.Safetensors;
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
import org.probelab.train.mlm.SequencePacker;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A masked-LM stage: general pre-training from scratch, or further pre-training of the input model on
 * in-domain text (domain transfer) or on the task's own training text (task transfer). The corpus is packed
 * into sequences ({@link SequencePacker}), a slice of its documents held out; every epoch feeds each sequence
 * under the mask its {@link MaskPolicy} draws for it (static masking feeds its k copies). The held-out loss,
 * accuracy and perplexity are measured every epoch (or every N steps) with one fixed mask — BERT's subword
 * masking drawn once, the same for every policy, so curves of different policies compare — the weights of the
 * lowest held-out loss become the snapshot, and patience stops the stage early. Checkpoints, divergence stops
 * and dropout are those of fine-tuning; masks and data order are pure functions of (seed, epoch), so a resumed
 * stage continues exactly where it stopped.
 */
public final class MlmStage implements Stage {
    /** The seed of the held-out slice's one mask, the same in every stage so that held-out losses compare. */
    static final long HELD_OUT_MASK_SEED = 15L;
    private static final MaskPolicy HELD_OUT_MASKING = new DynamicMasking(MaskRule.BERT);

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
        MlmSettings settings = spec.settings();
        PretrainedModel input = context.input();
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(input.vocab(), input.lowerCase());
        Corpus corpus = spec.corpus() == null
                ? Corpora.trainText(context.data(), context.data().name() + " (train text)")
                : Corpora.open(spec.corpus());
        Corpus.Split split = corpus.split(settings.heldOutFraction());
        BertConfig config = config(input.config());
        int maxLength = Math.min(settings.maxSequenceLength(), config.maxPositionEmbeddings());
        List<PackedSequence> train = SequencePacker.pack(split.train(), tokenizer, maxLength, settings.documents());
        List<PackedSequence> heldOut = SequencePacker.pack(split.heldOut(), tokenizer, maxLength,
                settings.documents());
        MaskTokens tokens = new MaskTokens(tokenizer.maskId(), config.vocabSize());
        int items = train.size() * settings.maskPolicy().copies();
        long totalSteps = (long) settings.epochs() * BatchPlan.stepsPerEpoch(items, settings.batchSize());
        Checkpoints checkpoints = new Checkpoints(context.workDir());
        Optional<Checkpoints.Loaded> resumed = checkpoints.latest();
        Weights startWeights = resumed.map(c -> Checkpoints.bertWeights(c.tensors(), c.dir().toString()))
                .orElseGet(() -> spec.architecture() == null ? input.weights()
                        : Initializers.random(config, settings.seed()));

        try (BertModel model = BertModel.create(config, startWeights, context.device(),
                BertGraph.Dropout.SWITCHABLE)) {
            MlmGraph graph = new MlmGraph(model, settings);
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
            Loop loop = new Loop(context, settings, graph, model.session(), train, heldOutMasked, tokens,
                    tokenizer.padId(), totalSteps, checkpoints, state, current);
            progress = loop.run(progress);
            Weights snapshot = Checkpoints.bestOrCurrent(context.workDir(), current, progress);
            ModelSaver.save(config, input.vocab(), input.lowerCase(), snapshot, context.snapshotDir(),
                    ModelSaver.Format.SAFETENSORS);
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
        private final MlmGraph graph;
        private final Session session;
        private final List<PackedSequence> train;
        private final List<MaskedSequence> heldOut;
        private final MaskTokens tokens;
        private final int padId;
        private final long totalSteps;
        private final LearningRateSchedule schedule;
        private final Checkpoints checkpoints;
        private final VariableValues state;
        private final VariableValues current;
        /** Length of each item of an epoch: item i is copy i / n of sequence i % n. */
        private final int[] lengths;

        Loop(StageContext context, MlmSettings settings, MlmGraph graph, Session session, List<PackedSequence> train,
             List<MaskedSequence> heldOut, MaskTokens tokens, int padId, long totalSteps, Checkpoints checkpoints,
             VariableValues state, VariableValues current) {
            this.context = context;
            this.settings = settings;
            this.graph = graph;
            this.session = session;
            this.train = train;
            this.heldOut = heldOut;
            this.tokens = tokens;
            this.padId = padId;
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
                    boolean evaluate = settings.evalEverySteps() > 0 && s.step() % settings.evalEverySteps() == 0;
                    if (evaluate) {
                        s = evaluate(s);
                    }
                    if (evaluate || s.step() % settings.checkpointEverySteps() == 0) {
                        checkpoints.save(state.read(), s);
                    }
                }
                if (settings.evalEverySteps() == 0 && !s.stoppedEarly()) {
                    s = evaluate(s);
                }
                s = s.nextEpoch();
                checkpoints.save(state.read(), s);
            }
            return s;
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
            int rows = batch.stream().mapToInt(m -> m.positions().length).sum();
            float rowWeight = 1f / rows;
            List<int[]> passes = BatchPlan.microBatches(lengthsOf(batch), indices(batch.size()),
                    settings.microBatchTokens());
            double loss = 0;
            double norm;
            try (TFloat32 lr = TFloat32.scalarOf(rate); TBool on = TBool.scalarOf(true)) {
                if (passes.size() == 1) {
                    double[] out = runPass(batch, rowWeight, on, seed(s.step(), 0), lr,
                            graph.updates.direct.step(), graph.updates.direct.gradientNorm());
                    loss = out[0];
                    norm = out[1];
                } else {
                    session.runner().addTarget(graph.updates.resetAccumulators).run();
                    for (int p = 0; p < passes.size(); p++) {
                        loss += runPass(members(batch, passes.get(p)), rowWeight, on, seed(s.step(), p), null,
                                graph.updates.accumulate, null)[0];
                    }
                    try (Result r = session.runner().feed(graph.adam.learningRate(), lr)
                            .addTarget(graph.updates.accumulated.step())
                            .fetch(graph.updates.accumulated.gradientNorm()).run()) {
                        norm = ((TFloat32) r.get(0)).getFloat();
                    }
                }
            }
            Divergence.check(name(), s, loss, norm, rate, settings.divergenceFactor(), checkpoints, context.workDir());
            TrainingCurves.StepPoint point = new TrainingCurves.StepPoint(s.step(), s.epoch(), loss, rate, norm);
            context.progress().update(String.format(Locale.ROOT, "%s epoch %d/%d loss %.4f lr %.2e", name(),
                    s.epoch() + 1, settings.epochs(), loss, rate), s.step() + 1, totalSteps);
            return s.afterStep(point, nextBatch);
        }

        /** Runs one pass with {@code target}; returns its loss and, when asked, the fetched norm. */
        private double[] runPass(List<MaskedSequence> members, float rowWeight, TBool training, long seed,
                                 TFloat32 lr, org.tensorflow.op.Op target, org.tensorflow.Operand<TFloat32> norm) {
            try (MlmBatch batch = new MlmBatch(members, padId, rowWeight);
                 TInt64 seedTensor = TInt64.scalarOf(seed)) {
                Session.Runner runner = batch.feed(session, graph)
                        .feed(graph.bert.training().get(), training)
                        .feed(graph.bert.dropoutSeed().get(), seedTensor)
                        .fetch(graph.loss).addTarget(target);
                if (lr != null) {
                    runner.feed(graph.adam.learningRate(), lr);
                }
                if (norm != null) {
                    runner.fetch(norm);
                }
                try (Result r = runner.run()) {
                    double loss = ((TFloat32) r.get(0)).getFloat();
                    return new double[] {loss, norm == null ? Double.NaN : ((TFloat32) r.get(1)).getFloat()};
                }
            }
        }

        /** The dropout seed of pass {@code pass} of step {@code step}: distinct per pass, fixed by the stage seed. */
        private long seed(long step, int pass) {
            return settings.seed() * 1_000_000_007L + step * 1024 + pass;
        }

        /** Held-out loss (mean over masked positions) and accuracy; a new lowest loss is saved as the snapshot. */
        private TrainerState evaluate(TrainerState s) throws IOException {
            double lossSum = 0;
            long correct = 0;
            long rows = 0;
            for (int[] pass : BatchPlan.microBatches(lengthsOf(heldOut), indices(heldOut.size()),
                    settings.microBatchTokens())) {
                try (MlmBatch batch = new MlmBatch(members(heldOut, pass), padId, 1f);
                     Result r = batch.feed(session, graph).fetch(graph.predictions).fetch(graph.rowLosses).run()) {
                    long[] predicted = new long[batch.rows];
                    float[] losses = new float[batch.rows];
                    ((TInt64) r.get(0)).asRawTensor().data().asLongs().read(predicted);
                    ((TFloat32) r.get(1)).asRawTensor().data().asFloats().read(losses);
                    for (int i = 0; i < batch.rows; i++) {
                        lossSum += losses[i];
                        correct += predicted[i] == batch.targets[i] ? 1 : 0;
                    }
                    rows += batch.rows;
                }
            }
            double loss = lossSum / rows;
            TrainingCurves.EvalPoint point = new TrainingCurves.EvalPoint(s.step(), s.epoch(), loss,
                    (double) correct / rows);
            TrainerState after = s.afterEvaluation(point, -loss, settings.patience());
            if (after.bestStep() != s.bestStep()) {
                Safetensors.write(current.read(), context.workDir().resolve(Checkpoints.BEST));
            }
            context.progress().note(String.format(Locale.ROOT,
                    "%s step %d: held-out masked-LM loss %.4f, accuracy %.3f, perplexity %.1f", name(), s.step(), loss,
                    point.devAccuracy(), Math.exp(loss)));
            return after;
        }
    }

    private static int[] lengthsOf(List<MaskedSequence> sequences) {
        return sequences.stream().mapToInt(m -> m.inputIds().length).toArray();
    }

    private static int[] indices(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    private static List<MaskedSequence> members(List<MaskedSequence> all, int[] chosen) {
        List<MaskedSequence> out = new ArrayList<>(chosen.length);
        for (int i : chosen) {
            out.add(all.get(i));
        }
        return out;
    }
}
