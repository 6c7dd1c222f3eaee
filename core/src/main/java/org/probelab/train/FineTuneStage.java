package org.probelab.train;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.probelab.Versions;
import org.probelab.model.BertGraph;
import org.probelab.model.BertModel;
import org.probelab.model.ModelSaver;
import org.probelab.model.PretrainedModel;
import org.probelab.model.Safetensors;
import org.probelab.model.WeightTensor;
import org.probelab.model.Weights;
import org.probelab.model.WeightsChecksum;
import org.probelab.probe.LabelSet;
import org.probelab.represent.Task;
import org.probelab.text.BertTokenizer;
import org.probelab.data.Dataset;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Fine-tunes BERT end to end with a task head on the train split: AdamW with warm-up and linear decay,
 * clipping, layer-wise rates and freezing ({@link FineTuneGroups}), dropout, length-bucketed batches split
 * into passes when too large. The dev split is evaluated every epoch (or every N steps); the best weights
 * are kept and become the snapshot; training stops early when patience runs out, and stops with a
 * {@link TrainingDivergedException} when the loss becomes NaN or diverges. Checkpoints make it resumable
 * with the same data order, dropout masks and optimizer state: on CPU, the same seed gives the same
 * losses, interrupted or not.
 */
public final class FineTuneStage implements Stage {
    /** The head's initial weights: BERT's initializer range, a truncated normal as in {@code modeling.py}. */
    private static final float HEAD_INIT_STD = 0.02f;
    private static final String BEST = "best.safetensors";

    private final FineTuneSpec spec;
    private final Task task;
    private final String name;
    private final Object recordedSpec;
    private final TeacherLogits teacher;
    private final Distillation distillation;

    public FineTuneStage(FineTuneSpec spec) {
        this(spec, "finetune-" + spec.task().replace(':', '-'), spec, null, null);
    }

    /**
     * A student learning from {@code teacher}'s logits as well as the gold labels ({@link SelfDistillStage});
     * {@code recordedSpec} is what its snapshot records as the stage's spec.
     */
    FineTuneStage(FineTuneSpec spec, String name, Object recordedSpec, TeacherLogits teacher,
                  Distillation distillation) {
        this.spec = spec;
        this.task = Task.named(spec.task());
        this.name = name;
        this.recordedSpec = recordedSpec;
        this.teacher = teacher;
        this.distillation = distillation;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Object spec() {
        return recordedSpec;
    }

    @Override
    public StageResult run(StageContext context) throws IOException {
        long started = System.nanoTime();
        FineTuneSettings settings = spec.settings();
        PretrainedModel input = context.input();
        Dataset data = context.data();
        task.requireServableBy(data);
        BertTokenizer tokenizer = BertTokenizer.fromVocabFile(input.vocab(), input.lowerCase());
        LabelSet labels = LabelSet.ofTraining(TrainingExamples.labels(data.train(), task));
        int maxLength = Math.min(settings.maxSequenceLength(), input.config().maxPositionEmbeddings());
        TrainingExamples train = TrainingExamples.of(data.train(), task, tokenizer, labels, maxLength);
        TrainingExamples dev = TrainingExamples.of(data.dev(), task, tokenizer, labels, maxLength);
        if (train.examples().isEmpty()) {
            throw new IllegalArgumentException("stage " + name() + ": no training sentence of " + data.name()
                    + " fits " + maxLength + " subwords; raise maxSequenceLength");
        }
        int stepsPerEpoch = BatchPlan.stepsPerEpoch(train.examples().size(), settings.batchSize());
        long totalSteps = (long) settings.epochs() * stepsPerEpoch;
        LearningRateSchedule schedule = settings.schedule(totalSteps);
        HeadKind kind = HeadKind.of(task, settings.sentenceFeature());
        float[][] teacherLogits = teacher == null ? null
                : teacher.of(train.examples(), labels, tokenizer.padId(), settings);
        Checkpoints checkpoints = new Checkpoints(context.workDir());
        Optional<Checkpoints.Loaded> resumed = checkpoints.latest();
        Weights startWeights = resumed.map(c -> bertPart(c.tensors(), c.dir().toString())).orElse(input.weights());

        try (BertModel model = BertModel.create(input.config(), startWeights, context.device(),
                BertGraph.Dropout.SWITCHABLE)) {
            FineTuneGraph graph = new FineTuneGraph(model, kind, labels.size(), settings, distillation, true);
            Ops tf = Ops.create(graph.bert.inputIds().env());
            VariableValues state = new VariableValues(model.session(), tf, graph.checkpointVariables());
            Map<String, org.tensorflow.op.core.Variable<TFloat32>> bestVariables =
                    new LinkedHashMap<>(graph.bert.variables());
            bestVariables.putAll(graph.headVariables);
            VariableValues best = new VariableValues(model.session(), tf, bestVariables);
            TrainerState progress;
            if (resumed.isPresent()) {
                Map<String, WeightTensor> rest = new LinkedHashMap<>(resumed.get().tensors());
                rest.keySet().removeAll(graph.bert.variables().keySet());
                state.write(rest, resumed.get().dir().toString());
                progress = resumed.get().state();
            } else {
                state.write(initialHead(graph, settings.seed()), "the head's initialisation");
                progress = TrainerState.start();
            }
            Loop loop = new Loop(context, settings, graph, model.session(), train.examples(), teacherLogits,
                    dev.examples(), tokenizer.padId(), schedule, totalSteps, checkpoints, state, best);
            progress = loop.run(progress);
            Map<String, WeightTensor> kept = bestOrCurrent(context.workDir(), best, progress);
            Weights snapshot = bertPart(kept, context.workDir().resolve(BEST).toString());
            ModelSaver.save(input.config(), input.vocab(), input.lowerCase(), snapshot, context.snapshotDir(),
                    ModelSaver.Format.SAFETENSORS);
            Map<String, WeightTensor> head = new LinkedHashMap<>(kept);
            head.keySet().retainAll(graph.headVariables.keySet());
            new SavedHead(spec.task(), kind, settings.wordPooling(), settings.lastLayers(), labels.labels())
                    .write(head, context.snapshotDir());
            return new StageResult(name(), recordedSpec, input.id() + "@" + input.checksum(),
                    data.name() + "@" + data.checksum(), WeightsChecksum.compute(snapshot), labels.labels(),
                    train.examples().size(), train.tooLong(), progress.step(),
                    progress.bestStep() < 0 ? progress.step() : progress.bestStep(), progress.bestDevAccuracy(),
                    progress.stoppedEarly(), FineTuneGroups.describe(graph.groups), progress.curves(),
                    context.device().describe(), Versions.all(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
        }
    }

    /** The BERT tensors of a checkpoint, as weights a model can be created from. */
    private static Weights bertPart(Map<String, WeightTensor> tensors, String origin) {
        Weights weights = new Weights("checkpoint " + origin);
        tensors.values().stream().filter(t -> t.name().startsWith("bert/") || t.name().startsWith("cls/"))
                .forEach(weights::put);
        return weights;
    }

    /** The weights (BERT and head) of the best dev evaluation, or the current ones without dev data. */
    private static Map<String, WeightTensor> bestOrCurrent(Path workDir, VariableValues best, TrainerState progress) {
        return progress.bestStep() >= 0 ? Safetensors.read(workDir.resolve(BEST)) : best.read();
    }

    /** What a distilling student learns from: its teacher's logits of every training row. */
    @FunctionalInterface
    interface TeacherLogits {
        /**
         * Per example of {@code train}, the teacher's logits of its rows ({@code rows * classes}, row-major)
         * for the classes of {@code labels}; an error when the teacher has other classes.
         */
        float[][] of(List<TrainingExample> train, LabelSet labels, int padId, FineTuneSettings settings)
                throws IOException;
    }

    /** Kernel ~ truncated normal (std {@value #HEAD_INIT_STD}, cut at 2 std), bias 0, from the stage's seed. */
    private static Map<String, WeightTensor> initialHead(FineTuneGraph graph, long seed) {
        Random random = new Random(seed);
        Map<String, WeightTensor> head = new LinkedHashMap<>();
        for (var e : graph.headVariables.entrySet()) {
            long[] shape = e.getValue().shape().asArray();
            float[] values = new float[Math.toIntExact(e.getValue().shape().size())];
            if (e.getKey().endsWith("kernel")) {
                for (int i = 0; i < values.length; i++) {
                    double v;
                    do {
                        v = random.nextGaussian();
                    } while (Math.abs(v) > 2);
                    values[i] = (float) v * HEAD_INIT_STD;
                }
            }
            head.put(e.getKey(), new WeightTensor(e.getKey(), shape, FloatBuffer.wrap(values)));
        }
        return head;
    }

    /** The training loop of one run of the stage, from a given state to the end or an early stop. */
    private final class Loop {
        private final StageContext context;
        private final FineTuneSettings settings;
        private final FineTuneGraph graph;
        private final Session session;
        private final List<TrainingExample> train;
        private final float[][] teacherLogits;
        private final List<TrainingExample> dev;
        private final int padId;
        private final LearningRateSchedule schedule;
        private final long totalSteps;
        private final Checkpoints checkpoints;
        private final VariableValues state;
        private final VariableValues best;

        Loop(StageContext context, FineTuneSettings settings, FineTuneGraph graph, Session session,
             List<TrainingExample> train, float[][] teacherLogits, List<TrainingExample> dev, int padId,
             LearningRateSchedule schedule, long totalSteps, Checkpoints checkpoints, VariableValues state,
             VariableValues best) {
            this.context = context;
            this.settings = settings;
            this.graph = graph;
            this.session = session;
            this.train = train;
            this.teacherLogits = teacherLogits;
            this.dev = dev;
            this.padId = padId;
            this.schedule = schedule;
            this.totalSteps = totalSteps;
            this.checkpoints = checkpoints;
            this.state = state;
            this.best = best;
        }

        TrainerState run(TrainerState start) throws IOException {
            TrainerState s = start;
            while (s.epoch() < settings.epochs() && !s.stoppedEarly()) {
                List<int[]> batches = BatchPlan.epoch(train, settings.batchSize(), settings.seed(), s.epoch());
                for (int b = s.batchInEpoch(); b < batches.size() && !s.stoppedEarly(); b++) {
                    s = step(s, batches.get(b), b + 1);
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

        private TrainerState step(TrainerState s, int[] batch, int nextBatch) {
            float rate = schedule.at(s.step());
            List<int[]> passes = BatchPlan.microBatches(train, batch, settings.microBatchTokens());
            int rows = 0;
            for (int m : batch) {
                rows += train.get(m).rows();
            }
            float rowWeight = 1f / rows;
            double loss = 0;
            double norm;
            try (TFloat32 lr = TFloat32.scalarOf(rate); TBool on = TBool.scalarOf(true)) {
                if (passes.size() == 1) {
                    double[] out = runPass(passes.get(0), rowWeight, on, seed(s.step(), 0), lr,
                            graph.directUpdate.step(), graph.directUpdate.gradientNorm());
                    loss = out[0];
                    norm = out[1];
                } else {
                    session.runner().addTarget(graph.resetAccumulators).run();
                    for (int p = 0; p < passes.size(); p++) {
                        loss += runPass(passes.get(p), rowWeight, on, seed(s.step(), p), null, graph.accumulate,
                                null)[0];
                    }
                    try (Result r = session.runner().feed(graph.adam.learningRate(), lr)
                            .addTarget(graph.accumulatedUpdate.step())
                            .fetch(graph.accumulatedUpdate.gradientNorm()).run()) {
                        norm = ((TFloat32) r.get(0)).getFloat();
                    }
                }
            }
            checkDiverged(s, loss, norm, rate);
            TrainingCurves.StepPoint point = new TrainingCurves.StepPoint(s.step(), s.epoch(), loss, rate, norm);
            context.progress().update(String.format(Locale.ROOT, "%s epoch %d/%d loss %.4f lr %.2e", name(),
                    s.epoch() + 1, settings.epochs(), loss, rate), s.step() + 1, totalSteps);
            return s.afterStep(point, nextBatch);
        }

        /** Runs one pass with {@code target}; returns its loss and, when asked, the fetched norm. */
        private double[] runPass(int[] members, float rowWeight, TBool training, long seed, TFloat32 lr,
                                 org.tensorflow.op.Op target, org.tensorflow.Operand<TFloat32> norm) {
            try (HeadBatch batch = new HeadBatch(train, members, graph.kind, settings.wordPooling(), padId,
                    rowWeight, teacherLogits);
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

        private void checkDiverged(TrainerState s, double loss, double norm, float rate) {
            String what = null;
            if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
                what = "the loss became " + (Double.isFinite(loss) ? "finite but the gradient norm " + norm : loss);
            } else if (s.firstLoss() > 0 && loss > settings.divergenceFactor() * s.firstLoss()) {
                what = String.format(Locale.ROOT, "the loss rose to %.4g, over %.0f times the first step's %.4g",
                        loss, settings.divergenceFactor(), s.firstLoss());
            }
            if (what != null) {
                long kept = checkpoints.latestStep();
                throw new TrainingDivergedException(String.format(Locale.ROOT,
                        "stage %s stopped at step %d (learning rate %.3g): %s; %s", name(), s.step(), rate, what,
                        kept >= 0 ? "the last good checkpoint (step " + kept + ") is kept in " + context.workDir()
                                : "no checkpoint was written yet; lower the learning rate"));
            }
        }

        /** Dev accuracy and loss of the head; a new best is saved as the snapshot candidate. */
        private TrainerState evaluate(TrainerState s) throws IOException {
            if (dev.isEmpty()) {
                return s;
            }
            long correct = 0;
            long rows = 0;
            double lossSum = 0;
            long seen = 0;
            for (int[] members : evalBatches()) {
                try (HeadBatch batch = new HeadBatch(dev, members, graph.kind, settings.wordPooling(), padId, 1f);
                     Result r = batch.feed(session, graph).fetch(graph.predictions).fetch(graph.rowLosses).run()) {
                    long[] predicted = new long[batch.rows];
                    float[] losses = new float[batch.rows];
                    ((TInt64) r.get(0)).asRawTensor().data().asLongs().read(predicted);
                    ((TFloat32) r.get(1)).asRawTensor().data().asFloats().read(losses);
                    for (int i = 0; i < batch.rows; i++) {
                        rows++;
                        if (batch.labels[i] != LabelSet.UNSEEN) {
                            seen++;
                            lossSum += losses[i];
                            correct += predicted[i] == batch.labels[i] ? 1 : 0;
                        }
                    }
                }
            }
            TrainingCurves.EvalPoint point = new TrainingCurves.EvalPoint(s.step(), s.epoch(),
                    seen == 0 ? 0 : lossSum / seen, (double) correct / rows);
            TrainerState after = s.afterEvaluation(point, settings.patience());
            if (point.devAccuracy() > s.bestDevAccuracy()) {
                Safetensors.write(best.read(), context.workDir().resolve(BEST));
            }
            return after;
        }

        /** Dev examples in length order, cut so each pass stays within the token budget. */
        private List<int[]> evalBatches() {
            int[] all = new int[dev.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return BatchPlan.microBatches(dev, all, settings.microBatchTokens());
        }
    }
}
