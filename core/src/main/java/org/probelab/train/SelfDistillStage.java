package org.probelab.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;
import org.probelab.probe.LabelSet;

/**
 * Self-distillation: a student of the teacher's architecture learns the teacher's task from the
 * teacher's softened outputs and the gold labels ({@link Distillation}). The input model is the teacher
 * — a fine-tuning stage's snapshot, whose task head is kept beside it ({@link SavedHead}) — and the
 * student starts from {@link SelfDistillSpec#student()}, by default the model the teacher was
 * fine-tuned from. Training is fine-tuning's ({@link FineTuneStage}) with the distillation loss: the
 * same optimizer, schedule, dev evaluation on gold labels, checkpoints, resume and NaN handling. The
 * snapshot is the student, with its head, so it can teach in turn.
 */
public final class SelfDistillStage implements Stage {
    private final SelfDistillSpec spec;

    public SelfDistillStage(SelfDistillSpec spec) {
        this.spec = spec;
    }

    /**
     * What a self-distillation snapshot records as its spec: the declaration and the resolved teacher and
     * student start ({@code id@checksum} each).
     */
    public record Recorded(SelfDistillSpec spec, String teacher, String student) {
    }

    @Override
    public String name() {
        return "self-distill";
    }

    @Override
    public SelfDistillSpec spec() {
        return spec;
    }

    @Override
    public StageResult run(StageContext context) throws IOException {
        Path teacherDir = Path.of(context.input().id());
        SavedHead head = SavedHead.read(teacherDir, name()).head();
        PretrainedModel student = student(teacherDir);
        FineTuneSettings.Builder settings = spec.settings().toBuilder().wordPooling(head.wordPooling())
                .lastLayers(head.lastLayers());
        if (head.kind().sentenceFeature() != null) {
            settings.sentenceFeature(head.kind().sentenceFeature());
        }
        String teacher = context.input().id() + "@" + context.input().checksum();
        FineTuneStage training = new FineTuneStage(new FineTuneSpec(head.task(), settings.build()), name(),
                new Recorded(spec, teacher, student.id() + "@" + student.checksum()),
                (train, labels, padId, s) -> teacherLogits(context, teacherDir, train, labels, padId, s),
                spec.distillation());
        return training.run(new StageContext(student, context.data(), context.snapshotDir(), context.workDir(),
                context.device(), context.progress()));
    }

    /**
     * The teacher's logits of the training rows, computed once with dropout off; the teacher is closed
     * before the student is built, so the two are never in memory together.
     */
    private float[][] teacherLogits(StageContext context, Path teacherDir, List<TrainingExample> train,
                                    LabelSet labels, int padId, FineTuneSettings settings) throws IOException {
        try (TaskModel teacher = TaskModel.open(context.input(), teacherDir, name(), context.device())) {
            if (!teacher.head().labels().equals(labels.labels())) {
                throw new IllegalArgumentException("stage " + name() + ": the teacher " + teacher.describe()
                        + " was fine-tuned on the classes " + teacher.head().labels() + " but "
                        + context.data().name() + " has " + labels.labels()
                        + "; distil on the data the teacher was fine-tuned on");
            }
            context.progress().note("stage " + name() + ": computing the teacher's logits of " + train.size()
                    + " training sentences");
            return teacher.logits(train, padId, settings.microBatchTokens());
        }
    }

    /** The student's start: as declared, or the model the teacher's stage started from (checked unchanged). */
    private PretrainedModel student(Path teacherDir) throws IOException {
        if (spec.student() != null) {
            return ModelStore.load(spec.student());
        }
        StageResult teacherStage = Stages.read(teacherDir);
        if (teacherStage == null) {
            throw new IllegalArgumentException("stage " + name() + ": the teacher " + teacherDir + " has no "
                    + Stages.RESULT_FILE + " naming the model it was fine-tuned from; name the student's start");
        }
        String recorded = teacherStage.inputModel();
        int at = recorded.lastIndexOf('@');
        PretrainedModel start = ModelStore.load(recorded.substring(0, at));
        if (!start.checksum().equals(recorded.substring(at + 1))) {
            throw new IllegalArgumentException("stage " + name() + ": the teacher was fine-tuned from " + recorded
                    + " but " + start.id() + " now has the weights checksum " + start.checksum()
                    + "; name the student's start");
        }
        return start;
    }
}
