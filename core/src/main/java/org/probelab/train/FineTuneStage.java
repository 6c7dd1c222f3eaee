package org.probelab.train;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.probelab.Versions;
import org.probelab.model.BertGraph;
import org.probelab.model.BertModel;
import org.probelab.model.ModelSaver;
import org.probelab.model.PretrainedModel;
import org.probelab.model.WeightTensor;
import org.probelab.model.Weights;
import org.probelab.model.WeightsChecksum;
import org.probelab.probe.LabelSet;
import org.probelab.represent.Task;
import org.probelab.text.BertTokenizer;
import org.probelab.data.Dataset;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

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
        Optional<Checkpoints.Loaded> resumed = checkpoints.resume();
        Weights startWeights = resumed.map(c -> Checkpoints.bertWeights(c.tensors(), c.dir().toString()))
                .orElse(input.weights());

        TrainerState progress;
        Map<String, WeightTensor> kept;
        String origin;
        Map<String, WeightTensor> head;
        List<String> groups;
        String device;
        try (BertModel model = BertModel.create(input.config(), startWeights,
                context.device().withPrecision(settings.precision()),
                BertGraph.Dropout.SWITCHABLE)) {
            HeadTrainer trainer = new HeadTrainer(model, kind, labels.size(), settings, tokenizer.padId(),
                    distillation, teacherLogits);
            FineTuneGraph graph = trainer.graph();
            Ops tf = Ops.create(graph.bert.inputIds().env());
            VariableValues state = new VariableValues(model.session(), tf, graph.checkpointVariables());
            Map<String, org.tensorflow.op.core.Variable<TFloat32>> bestVariables =
                    new LinkedHashMap<>(graph.bert.variables());
            bestVariables.putAll(graph.headVariables);
            VariableValues best = new VariableValues(model.session(), tf, bestVariables);
            if (resumed.isPresent()) {
                Map<String, WeightTensor> rest = new LinkedHashMap<>(resumed.get().tensors());
                rest.keySet().removeAll(graph.bert.variables().keySet());
                state.write(rest, resumed.get().dir().toString());
                progress = resumed.get().state();
            } else {
                progress = TrainerState.start();
            }
            Loop loop = new Loop(context, settings, trainer, train.examples(), dev.examples(), schedule, totalSteps,
                    checkpoints, state, best);
            progress = loop.run(progress);
            kept = checkpoints.bestOrCurrent(best, progress);
            origin = checkpoints.bestOrigin(progress);
            head = new LinkedHashMap<>(kept);
            head.keySet().retainAll(graph.headVariables.keySet());
            groups = FineTuneGroups.describe(graph.groups);
            device = model.device().describe();
        }
        // The snapshot is written once the training session is closed, so its memory is not held twice.
        Weights snapshot = Checkpoints.bertWeights(kept, origin);
        ModelSaver.save(input.config(), input.vocab(), input.lowerCase(), snapshot, context.snapshotDir(),
                ModelSaver.Format.SAFETENSORS);
        new SavedHead(spec.task(), kind, settings.wordPooling(), settings.lastLayers(), labels.labels())
                .write(head, context.snapshotDir());
        return new StageResult(name(), recordedSpec, input.id() + "@" + input.checksum(),
                data.name() + "@" + data.checksum(), WeightsChecksum.compute(snapshot), labels.labels(),
                train.examples().size(), train.tooLong(), progress.step(),
                progress.bestStep() < 0 ? progress.step() : progress.bestStep(), progress.bestDevAccuracy(),
                progress.stoppedEarly(), groups, progress.curves(), device, Versions.all(),
                Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
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

    /** The training loop of one run of the stage, from a given state to the end or an early stop. */
    private final class Loop {
        private final StageContext context;
        private final FineTuneSettings settings;
        private final HeadTrainer trainer;
        private final List<TrainingExample> train;
        private final List<TrainingExample> dev;
        private final LearningRateSchedule schedule;
        private final long totalSteps;
        private final Checkpoints checkpoints;
        private final VariableValues state;
        private final VariableValues best;

        Loop(StageContext context, FineTuneSettings settings, HeadTrainer trainer, List<TrainingExample> train,
             List<TrainingExample> dev, LearningRateSchedule schedule, long totalSteps, Checkpoints checkpoints,
             VariableValues state, VariableValues best) {
            this.context = context;
            this.settings = settings;
            this.trainer = trainer;
            this.train = train;
            this.dev = dev;
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
                    if (settings.evalEverySteps() > 0 && s.step() % settings.evalEverySteps() == 0) {
                        s = evaluate(s);
                    }
                    checkpoints.afterStep(name(), s, totalSteps, settings.epochs(), settings.checkpointEverySteps(),
                            state, context.progress());
                }
                if (settings.evalEverySteps() == 0 && !s.stoppedEarly()) {
                    s = evaluate(s);
                }
                s = s.nextEpoch();
            }
            return s;
        }

        private TrainerState step(TrainerState s, int[] batch, int nextBatch) {
            float rate = schedule.at(s.step());
            // Distinct per step and pass (HeadTrainer adds the pass index), fixed by the stage seed.
            long seed = settings.seed() * 1_000_000_007L + s.step() * 1024;
            HeadTrainer.StepOutcome out = trainer.step(train, batch, rate, seed);
            Divergence.check(name(), s, out.loss(), out.gradientNorm(), rate, settings.divergenceFactor(), checkpoints,
                    context.workDir());
            TrainingCurves.StepPoint point = new TrainingCurves.StepPoint(s.step(), s.epoch(), out.loss(), rate,
                    out.gradientNorm());
            return s.afterStep(point, nextBatch);
        }

        /** Dev accuracy and loss of the head; a new best is saved as the snapshot candidate. */
        private TrainerState evaluate(TrainerState s) throws IOException {
            if (dev.isEmpty()) {
                return s;
            }
            HeadTrainer.DevScore score = trainer.evaluate(dev);
            TrainingCurves.EvalPoint point = new TrainingCurves.EvalPoint(s.step(), s.epoch(), score.loss(),
                    score.accuracy());
            TrainerState after = s.afterEvaluation(point, settings.patience());
            if (after.bestStep() != s.bestStep()) {
                checkpoints.saveBest(best, after.bestStep());
            }
            return after;
        }
    }
}
